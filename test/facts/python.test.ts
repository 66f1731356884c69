import { describe, it, expect } from 'vitest';
import { FactBase } from '../../src/facts/factbase.js';
import { isPythonSource, linkPythonEntryPoints, pythonModuleOf, pythonProvider, tokenizePython, clickCommandName, djangoRegexPath } from '../../src/facts/providers/python.js';
import { extractContextOf } from '../../src/facts/context.js';
import type { Fact } from '../../src/types.js';
import { runProvider, type ProvidedFact } from './helpers.js';

/** Python source from a template literal, as written (no escapes processed); line 1 is the first line. */
const py = (s: TemplateStringsArray): string => (s.raw[0] as string).replace(/^\n/, '');

/** `[key, value, line, meta]` of facts. */
const withMeta = (facts: ProvidedFact[]) => facts.map((f) => [f.key, f.value, f.origin.start.line, f.meta]);
/** `[key, value, line, column]` of facts. */
const rows = (facts: ProvidedFact[]) => facts.map((f) => [f.key, f.value, f.origin.start.line, f.origin.start.column]);

// A settings module: every environment read form, with traps in a docstring, a comment and a string.
const SETTINGS = py`
"""Settings module.

os.environ["NOT_A_READ"] inside a docstring must be ignored.
"""
import os
from os import getenv, environ as env_map

DB_URL_ENV = "BILLING_DATABASE_URL"
PREFIX = "BILLING"

DATABASE_URL = os.environ[DB_URL_ENV]
REDIS_URL = os.environ.get("BILLING_REDIS_URL", "redis://localhost:6379/0")
LOG_LEVEL = os.getenv("BILLING_LOG_LEVEL", "info")
WORKERS = int(os.getenv("BILLING_WORKERS", "4"))
TIMEOUT = float(getenv(f"{PREFIX}_TIMEOUT", 2.5))
REGION = os.getenv("BILLING_REGION") or "eu-west-1"
SECRET = env_map["BILLING_SECRET_KEY"]
os.environ.setdefault("BILLING_TZ", "UTC")
os.environ["BILLING_WRITTEN"] = "1"  # a write, not a read
# os.getenv("COMMENTED_OUT")
if "BILLING_DEBUG" in os.environ:
    DEBUG = True
COMPUTED = os.getenv("BILLING_HOME", os.path.expanduser("~"))
msg = f"value is {os.getenv('BILLING_IN_FSTRING', 'x')}"
template = """
os.getenv("IN_TRIPLE_STRING")
"""
`;

// pydantic-settings v2.
const PYDANTIC_V2 = py`
from typing import ClassVar, Optional

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BILLING_", env_file=".env")

    database_url: str
    redis_url: str = "redis://localhost:6379/0"
    port: int = 8080
    debug: bool = False
    api_key: str = Field(..., alias="STRIPE_API_KEY")
    webhook_secret: str = Field("", validation_alias=AliasChoices("STRIPE_WEBHOOK_SECRET", "WEBHOOK_SECRET"))
    workers: int = Field(default=4)
    tags: list[str] = Field(default_factory=list)
    _private: str = "x"
    instances: ClassVar[int] = 0


class WorkerSettings(Settings):
    queue: str = "billing"


class Other(BaseSettings, env_prefix="PAY_", case_sensitive=True):
    mode: str = "live"
`;

// pydantic v1 BaseSettings.
const PYDANTIC_V1 = py`
from pydantic import BaseSettings, Field


class Settings(BaseSettings):
    smtp_host: str = "localhost"
    smtp_port: int = 25
    token: str = Field(None, env="LEGACY_TOKEN")

    class Config:
        env_prefix = "mailer_"
`;

// Django settings with django-environ and python-decouple.
const DJANGO_SETTINGS = py`
import environ
from decouple import config, Csv

env = environ.Env(DEBUG=(bool, False), ALLOWED_HOSTS=(list, []))
environ.Env.read_env()

DEBUG = env("DEBUG")
SECRET_KEY = env("DJANGO_SECRET_KEY")
DATABASES = {"default": env.db("DATABASE_URL", default="sqlite:///db.sqlite3")}
CACHE_TTL = env.int("CACHE_TTL", default=300)
EMAIL_HOST = config("EMAIL_HOST", default="localhost")
HOSTS = config("CSRF_TRUSTED_ORIGINS", cast=Csv(), default="")
`;

// An argparse admin tool: nested subparsers, a parent parser, groups, a helper adding common flags.
const ADMIN_ARGPARSE = py`
"""Command line entry point for the billing worker."""
import argparse
import os


def add_common(parser):
    parser.add_argument("-v", "--verbose", action="store_true", help="more logging")
    parser.add_argument("--region", default=os.environ.get("BILLING_REGION", "eu-west-1"))


def build_parser():
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", default="/etc/billing.toml")

    parser = argparse.ArgumentParser(prog="billing-admin", description=__doc__)
    add_common(parser)
    parser.add_argument("--color", action=argparse.BooleanOptionalAction, default=True)
    sub = parser.add_subparsers(dest="command", required=True)

    migrate = sub.add_parser("migrate", aliases=["mig"], parents=[common], help="run migrations")
    migrate.add_argument("--dry-run", action="store_true")
    migrate.add_argument("--target", type=int, default=0)
    migrate.add_argument("--to", help=argparse.SUPPRESS)

    invoices = sub.add_parser("invoices")
    inv_sub = invoices.add_subparsers()
    send = inv_sub.add_parser("send", parents=[common])
    group = send.add_mutually_exclusive_group()
    group.add_argument("--all", action="store_true")
    group.add_argument("--customer", metavar="ID")
    send.add_argument("--batch-size", type=int, default=int(os.getenv("BILLING_BATCH_SIZE", "100")))
    send.add_argument("--no-email", dest="email", action="store_false")
    send.add_argument("--port", type=int, default=9100)
    send.add_argument("path", nargs="?")
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    return args


if __name__ == "__main__":
    main()
`;

// argparse defaults from the environment.
const WORKER_ARGPARSE = py`
import argparse
import os
from os import environ

parser = argparse.ArgumentParser(prog="worker")
parser.add_argument("--token", default=os.environ["WORKER_TOKEN"])
parser.add_argument("--queue", default=environ.get("WORKER_QUEUE", "default"))
parser.add_argument("--log-level", choices=["debug", "info"], default="info")
parser.add_argument("--max-retries", dest="retries", type=int, default=os.getenv("WORKER_RETRIES"))
parser.add_argument("--constructor", default="x")
parser.add_argument("--toString")
args = parser.parse_args()
`;

// A click CLI with nested groups, auto env vars and a command added under another name.
const CLICK_CLI = py`
import click

from billing.db import run_migrations


@click.group(context_settings={"auto_envvar_prefix": "BILLING"})
@click.option("--debug/--no-debug", default=False, envvar="BILLING_DEBUG")
@click.pass_context
def cli(ctx, debug):
    """Billing operations."""
    ctx.obj = {"debug": debug}


@cli.group()
def db():
    """Database commands."""


@db.command()
@click.option("--dry-run", is_flag=True, help="print SQL only")
@click.option("-t", "--timeout", type=int, default=30, show_default=True)
def migrate(dry_run, timeout):
    run_migrations(dry_run=dry_run, timeout=timeout)


@db.command(name="seed-data", hidden=True)
@click.option("--count", default=10)
def seed(count):
    pass


@cli.command()
@click.option("--since", required=True)
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv")
def export_invoices_command(since, fmt):
    pass


@click.command()
@click.option("--port", default=8000, envvar=["BILLING_PORT", "PORT"])
def serve(port):
    pass


cli.add_command(serve, name="runserver")

if __name__ == "__main__":
    cli(prog_name="billing", auto_envvar_prefix="BILLING")
`;

// A Typer app with a sub-app and a callback.
const TYPER_LEDGER = py`
from typing import Annotated, Optional

import typer

app = typer.Typer(name="ledger", help="Ledger tools")
accounts = typer.Typer()
app.add_typer(accounts, name="accounts")


@app.callback()
def main(verbose: bool = False, env: str = typer.Option("dev", "--env", "-e", envvar="LEDGER_ENV")):
    """Top-level options."""


@accounts.command("list")
def list_accounts(limit: Annotated[int, typer.Option(help="max rows")] = 50, include_closed: bool = False):
    pass


@accounts.command()
def close_account(account_id: str, force: Annotated[bool, typer.Option("--force", "-f")] = False):
    pass


@app.command()
def reconcile(
    ctx: typer.Context,
    day: Annotated[str, typer.Argument()],
    dry_run: Optional[bool] = typer.Option(None, "--dry-run/--apply"),
    batch: int = typer.Option(500, min=1, envvar="LEDGER_BATCH"),
):
    pass


if __name__ == "__main__":
    app()
`;

// A Typer app with one command and no callback, run as `python -m sync_tool`.
const TYPER_SINGLE = py`
import typer

app = typer.Typer()


@app.command()
def sync(source: str, full: bool = False, retries: int = typer.Option(3, envvar="SYNC_RETRIES")):
    pass
`;

// typer.run(main).
const TYPER_RUN = py`
import typer


def main(name: str, count: int = 1):
    pass


if __name__ == "__main__":
    typer.run(main)
`;

// A Flask app factory with blueprints.
const FLASK_APP = py`
import os

from flask import Blueprint, Flask, jsonify
from flask.views import MethodView

api = Blueprint("api", __name__, url_prefix="/api/v1")
admin = Blueprint("admin", __name__)
reports = Blueprint("reports", __name__, url_prefix="/reports")


@api.route("/invoices", methods=["GET", "POST"])
def invoices():
    return jsonify([])


@api.get("/invoices/<int:invoice_id>")
def invoice(invoice_id):
    return jsonify({})


@admin.delete("/cache")
def clear_cache():
    return "", 204


@reports.route("/monthly")
def monthly():
    return ""


class CustomerView(MethodView):
    def get(self, customer_id):
        return ""

    def put(self, customer_id):
        return ""


api.add_url_rule("/customers/<customer_id>", view_func=CustomerView.as_view("customer"))
api.register_blueprint(reports)


def create_app():
    app = Flask(__name__)
    app.register_blueprint(api)
    app.register_blueprint(admin, url_prefix="/admin")

    @app.route("/healthz")
    def healthz():
        return "ok"

    @app.cli.command("sync-rates")
    def sync_rates():
        pass

    return app


if __name__ == "__main__":
    create_app().run(host="0.0.0.0", port=int(os.environ.get("PORT", 5000)))
`;

// A FastAPI app with routers.
const FASTAPI_APP = py`
import uvicorn
from fastapi import APIRouter, Depends, FastAPI

from .deps import get_db

API_PREFIX = "/api"

app = FastAPI(title="Billing")
invoices = APIRouter(prefix="/invoices", tags=["invoices"])
refunds = APIRouter()
internal = APIRouter(prefix="/internal")


@invoices.get("/")
async def list_invoices(db=Depends(get_db)):
    return []


@invoices.post("/{invoice_id}/pay", status_code=202)
async def pay(invoice_id: int):
    return {}


@refunds.api_route("/refunds/{refund_id}", methods=["GET", "DELETE"])
async def refund(refund_id: str):
    return {}


@internal.get("/metrics")
def metrics():
    return ""


def ping():
    return "pong"


app.add_api_route("/ping", ping, methods=["HEAD"])
app.include_router(invoices, prefix=f"{API_PREFIX}/v2")
app.include_router(refunds, prefix="/api/v2")


@app.get("/health")
def health():
    return {"ok": True}


if __name__ == "__main__":
    uvicorn.run("billing.api:app", host="0.0.0.0", port=8080, reload=False)
`;

// Django URL patterns.
const DJANGO_URLS = py`
from django.contrib import admin
from django.urls import include, path, re_path

from . import views

api_patterns = [
    path("invoices/", views.InvoiceList.as_view(), name="invoice-list"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", views.healthz),
    path("api/v1/", include([
        path("invoices/<int:pk>/", views.InvoiceDetail.as_view()),
        re_path(r"^customers/(?P<customer_id>[0-9a-f-]+)/$", views.customer),
    ])),
    path("api/v2/", include(api_patterns)),
    re_path(r"^legacy/(?P<slug>[\w-]+)\.json$", views.legacy),
    re_path(r"^files/(.*)$", views.files),
]
`;

// Code in strings and comments, nested f-strings, continuation lines.
const TRICKY = py`
import os
from fastapi import FastAPI

app = FastAPI()

DOC = '''
@app.get("/not-a-route")
def fake():
    os.getenv("NOT_READ_TRIPLE")
'''

# @app.get("/commented")
# os.getenv("NOT_READ_COMMENT")

hash_in_string = "# os.getenv('NOT_READ_HASH')"
nested = f"{'a' + os.getenv("NESTED_QUOTES_312", "d")}"
nested_fmt = f"{os.getenv('FMT_SPEC', '7'):>{os.getenv('WIDTH_VAR', '10')}}"
escaped = f"{{os.getenv('NOT_READ_ESCAPED_BRACES')}}"
raw = r"\d+ os.getenv('NOT_READ_RAW')"
cont = os.getenv(\
    "CONTINUED_LINE", \
    "yes")


@app.get(
    "/items/{item_id}",  # trailing comment with "quotes"
)
def item(item_id: int):
    """Docstring mentioning @app.post("/nope")."""
    return {"q": "#not-a-comment"}


@app.post("/after")  # still read after the tricky code above
def after():
    return b"\x00" + os.getenv("AFTER_BYTES", "z").encode()
`;

// A gunicorn config file.
const GUNICORN_CONF = py`
import multiprocessing
import os

bind = ["0.0.0.0:8000", f"127.0.0.1:{os.getenv('METRICS_PORT', '9102')}"]
workers = multiprocessing.cpu_count() * 2 + 1
`;

// WSGI/ASGI servers started in code.
const SERVERS = py`
import os

from aiohttp import web
from waitress import serve
from werkzeug.serving import run_simple

from .wsgi import application

PORT = 8081

if os.getenv("SERVER") == "waitress":
    serve(application, host="0.0.0.0", port=PORT)
elif os.getenv("SERVER") == "aiohttp":
    web.run_app(web.Application(), port=int(os.environ.get("AIOHTTP_PORT") or 8082))
else:
    run_simple("localhost", 8083, application, use_reloader=True)
`;

// argparse with a prog that is a command line, not an executable.
const PROG_WITH_SPACES = py`
import argparse

parser = argparse.ArgumentParser(prog="python -m billing")
sub = parser.add_subparsers()
run = sub.add_parser("run")
run.add_argument("--once", action="store_true")
`;

describe('python provider: environment variables', () => {
  it('reads os.environ / getenv forms with their defaults, through constants, imports and f-strings', () => {
    const run = runProvider(pythonProvider, 'billing/settings.py', SETTINGS);
    expect(run.problems).toEqual([]);
    expect(withMeta(run.of('env-var'))).toEqual([
      ['BILLING_DATABASE_URL', undefined, 11, { via: 'os.environ' }],
      ['BILLING_REDIS_URL', 'redis://localhost:6379/0', 12, { via: 'os.environ.get' }],
      ['BILLING_LOG_LEVEL', 'info', 13, { via: 'os.getenv' }],
      ['BILLING_WORKERS', '4', 14, { via: 'os.getenv' }],
      ['BILLING_TIMEOUT', '2.5', 15, { via: 'os.getenv' }],
      ['BILLING_REGION', 'eu-west-1', 16, { via: 'os.getenv' }],
      ['BILLING_SECRET_KEY', undefined, 17, { via: 'os.environ' }],
      ['BILLING_TZ', 'UTC', 18, { via: 'os.environ.setdefault' }],
      ['BILLING_DEBUG', undefined, 21, { via: 'os.environ' }],
      ['BILLING_HOME', undefined, 23, { via: 'os.getenv', computed: true }],
      ['BILLING_IN_FSTRING', 'x', 24, { via: 'os.getenv' }],
    ]);
    // Written, documented, commented out or quoted: never a read.
    for (const k of ['BILLING_WRITTEN', 'NOT_A_READ', 'COMMENTED_OUT', 'IN_TRIPLE_STRING']) expect(run.keys('env-var')).not.toContain(k);
    expect(rows([run.one('env-var', 'BILLING_REDIS_URL')])).toEqual([['BILLING_REDIS_URL', 'redis://localhost:6379/0', 12, 29]]);
    expect(run.facts.every((f) => f.kind === 'env-var')).toBe(true);
  });

  it('reads pydantic v2 settings: env_prefix, aliases, AliasChoices, required fields, subclasses and class keywords', () => {
    const run = runProvider(pythonProvider, 'billing/config.py', PYDANTIC_V2);
    expect(withMeta(run.of('env-var'))).toEqual([
      ['BILLING_DATABASE_URL', undefined, 10, { via: 'pydantic', class: 'Settings', field: 'database_url', required: true }],
      ['BILLING_REDIS_URL', 'redis://localhost:6379/0', 11, { via: 'pydantic', class: 'Settings', field: 'redis_url' }],
      ['BILLING_PORT', '8080', 12, { via: 'pydantic', class: 'Settings', field: 'port' }],
      ['BILLING_DEBUG', 'False', 13, { via: 'pydantic', class: 'Settings', field: 'debug' }],
      // An alias replaces prefix + name.
      ['STRIPE_API_KEY', undefined, 14, { via: 'pydantic', class: 'Settings', field: 'api_key', required: true }],
      ['STRIPE_WEBHOOK_SECRET', '', 15, { via: 'pydantic', class: 'Settings', field: 'webhook_secret' }],
      ['WEBHOOK_SECRET', '', 15, { via: 'pydantic', class: 'Settings', field: 'webhook_secret' }],
      ['BILLING_WORKERS', '4', 16, { via: 'pydantic', class: 'Settings', field: 'workers' }],
      ['BILLING_TAGS', undefined, 17, { via: 'pydantic', class: 'Settings', field: 'tags' }],
      // The subclass keeps the prefix; private fields and ClassVars are no settings.
      ['BILLING_QUEUE', 'billing', 23, { via: 'pydantic', class: 'WorkerSettings', field: 'queue' }],
      // case_sensitive keeps the name as written.
      ['PAY_mode', 'live', 27, { via: 'pydantic', class: 'Other', field: 'mode' }],
    ]);
    expect(rows([run.one('env-var', 'STRIPE_API_KEY'), run.one('env-var', 'WEBHOOK_SECRET')])).toEqual([
      ['STRIPE_API_KEY', undefined, 14, 38],
      ['WEBHOOK_SECRET', '', 15, 93],
    ]);
  });

  it('reads pydantic v1 settings: class Config env_prefix (upper-cased) and Field(env=...)', () => {
    const run = runProvider(pythonProvider, 'mailer/settings.py', PYDANTIC_V1);
    expect(withMeta(run.of('env-var'))).toEqual([
      ['MAILER_SMTP_HOST', 'localhost', 5, { via: 'pydantic', class: 'Settings', field: 'smtp_host' }],
      ['MAILER_SMTP_PORT', '25', 6, { via: 'pydantic', class: 'Settings', field: 'smtp_port' }],
      ['LEGACY_TOKEN', undefined, 7, { via: 'pydantic', class: 'Settings', field: 'token' }],
    ]);
  });

  it('reads django-environ schemas and reads, and python-decouple config()', () => {
    const run = runProvider(pythonProvider, 'mysite/settings.py', DJANGO_SETTINGS);
    expect(withMeta(run.of('env-var'))).toEqual([
      ['DEBUG', 'False', 4, { via: 'django-environ' }],
      ['ALLOWED_HOSTS', '', 4, { via: 'django-environ' }],
      ['DEBUG', 'False', 7, { via: 'django-environ' }],
      ['DJANGO_SECRET_KEY', undefined, 8, { via: 'django-environ' }],
      ['DATABASE_URL', 'sqlite:///db.sqlite3', 9, { via: 'django-environ' }],
      ['CACHE_TTL', '300', 10, { via: 'django-environ' }],
      ['EMAIL_HOST', 'localhost', 11, { via: 'decouple' }],
      ['CSRF_TRUSTED_ORIGINS', '', 12, { via: 'decouple' }],
    ]);
  });
});

describe('python provider: argparse', () => {
  it('builds the tree from subparsers (nested, aliases), parents, groups and helper functions', () => {
    const run = runProvider(pythonProvider, 'billing/admin.py', ADMIN_ARGPARSE);
    expect(withMeta(run.of('cli-command'))).toEqual([
      ['billing-admin', undefined, 15, { via: 'argparse', module: 'billing.admin', entry: 'build_parser' }],
      ['billing-admin migrate', undefined, 20, { via: 'argparse' }],
      ['billing-admin mig', undefined, 20, { via: 'argparse', alias: 'billing-admin migrate' }],
      ['billing-admin invoices', undefined, 25, { via: 'argparse' }],
      ['billing-admin invoices send', undefined, 27, { via: 'argparse' }],
    ]);
    expect(withMeta(run.of('cli-flag'))).toEqual([
      // add_common(parser): a helper called with the parser.
      ['-v', undefined, 7, { command: 'billing-admin', via: 'argparse', alias: '--verbose' }],
      ['--verbose', undefined, 7, { command: 'billing-admin', via: 'argparse', short: '-v' }],
      ['--region', 'eu-west-1', 8, { command: 'billing-admin', via: 'argparse', env: 'BILLING_REGION' }],
      // The parent parser's flags belong to each child that lists it, never to a root of its own.
      ['--config', '/etc/billing.toml', 13, { command: 'billing-admin migrate', via: 'argparse' }],
      ['--config', '/etc/billing.toml', 13, { command: 'billing-admin invoices send', via: 'argparse' }],
      ['--color', 'True', 17, { command: 'billing-admin', via: 'argparse' }],
      ['--no-color', 'True', 17, { command: 'billing-admin', via: 'argparse', alias: '--color' }],
      ['--dry-run', undefined, 21, { command: 'billing-admin migrate', via: 'argparse' }],
      ['--target', '0', 22, { command: 'billing-admin migrate', via: 'argparse' }],
      ['--to', undefined, 23, { command: 'billing-admin migrate', via: 'argparse', hidden: true }],
      ['--all', undefined, 29, { command: 'billing-admin invoices send', via: 'argparse' }],
      ['--customer', undefined, 30, { command: 'billing-admin invoices send', via: 'argparse' }],
      ['--batch-size', '100', 31, { command: 'billing-admin invoices send', via: 'argparse', env: 'BILLING_BATCH_SIZE' }],
      ['--no-email', 'True', 32, { command: 'billing-admin invoices send', via: 'argparse' }],
      ['--port', '9100', 33, { command: 'billing-admin invoices send', via: 'argparse' }],
    ]);
    expect(withMeta(run.of('env-var'))).toEqual([
      ['BILLING_REGION', 'eu-west-1', 8, { via: 'os.environ.get' }],
      ['BILLING_BATCH_SIZE', '100', 31, { via: 'os.getenv' }],
    ]);
    expect(withMeta(run.of('port'))).toEqual([['9100', undefined, 33, { via: 'flag', flag: '--port', command: 'billing-admin invoices send' }]]);
    expect(rows([run.one('cli-command', 'billing-admin'), run.one('cli-command', 'billing-admin mig')])).toEqual([
      ['billing-admin', undefined, 15, 44],
      ['billing-admin mig', undefined, 20, 51],
    ]);
  });

  it('takes defaults read from the environment, os.environ["X"] included, and never a name as a flag', () => {
    const run = runProvider(pythonProvider, 'worker.py', WORKER_ARGPARSE);
    expect(withMeta(run.of('cli-command'))).toEqual([['worker', undefined, 5, { via: 'argparse', module: 'worker', entry: 'parser' }]]);
    expect(withMeta(run.of('cli-flag'))).toEqual([
      ['--token', undefined, 6, { command: 'worker', via: 'argparse', env: 'WORKER_TOKEN' }],
      ['--queue', 'default', 7, { command: 'worker', via: 'argparse', env: 'WORKER_QUEUE' }],
      ['--log-level', 'info', 8, { command: 'worker', via: 'argparse' }],
      ['--max-retries', undefined, 9, { command: 'worker', via: 'argparse', env: 'WORKER_RETRIES' }],
      ['--constructor', 'x', 10, { command: 'worker', via: 'argparse' }],
      ['--toString', undefined, 11, { command: 'worker', via: 'argparse' }],
    ]);
    expect(withMeta(run.of('env-var'))).toEqual([
      ['WORKER_TOKEN', undefined, 6, { via: 'os.environ' }],
      ['WORKER_QUEUE', 'default', 7, { via: 'os.environ.get' }],
      ['WORKER_RETRIES', undefined, 9, { via: 'os.getenv' }],
    ]);
  });

  it('does not take a prog with spaces (`python -m billing`) for an executable: the root falls back to the package', () => {
    const run = runProvider(pythonProvider, 'billing/__main__.py', PROG_WITH_SPACES);
    expect(withMeta(run.of('cli-command'))).toEqual([
      ['billing', undefined, 3, { via: 'argparse', module: 'billing.__main__', entry: 'parser', fallback: true }],
      ['billing run', undefined, 5, { via: 'argparse', fallback: true }],
    ]);
    expect(withMeta(run.of('cli-flag'))).toEqual([['--once', undefined, 6, { command: 'billing run', via: 'argparse' }]]);
    const click = py`
import click


@click.command()
def cli():
    pass


cli(prog_name="python -m tool")
`;
    expect(withMeta(runProvider(pythonProvider, 'tool/cli.py', click).of('cli-command'))).toEqual([['cli.py', undefined, 5, { via: 'click', module: 'tool.cli', entry: 'cli', fallback: true }]]);
  });
});

describe('python provider: click and Typer', () => {
  it('reads click groups, commands, options, envvar lists and auto_envvar_prefix (context_settings and the call)', () => {
    const run = runProvider(pythonProvider, 'billing/cli.py', CLICK_CLI);
    expect(withMeta(run.of('cli-command'))).toEqual([
      // prog_name at the call names the root.
      ['billing', undefined, 9, { via: 'click', module: 'billing.cli', entry: 'cli' }],
      ['billing db', undefined, 15, { via: 'click' }],
      ['billing db migrate', undefined, 22, { via: 'click' }],
      ['billing db seed-data', undefined, 26, { via: 'click', hidden: true }],
      // export_invoices_command: `_` → `-`, `_command` dropped.
      ['billing export-invoices', undefined, 35, { via: 'click' }],
      // add_command(serve, name=...) renames.
      ['billing runserver', undefined, 45, { via: 'click' }],
    ]);
    expect(withMeta(run.of('cli-flag'))).toEqual([
      ['--debug', 'False', 7, { command: 'billing', via: 'click', env: 'BILLING_DEBUG' }],
      ['--no-debug', 'False', 7, { command: 'billing', via: 'click', env: 'BILLING_DEBUG', alias: '--debug' }],
      ['--dry-run', undefined, 20, { command: 'billing db migrate', via: 'click' }],
      ['-t', '30', 21, { command: 'billing db migrate', via: 'click', alias: '--timeout' }],
      ['--timeout', '30', 21, { command: 'billing db migrate', via: 'click', short: '-t' }],
      ['--count', '10', 27, { command: 'billing db seed-data', via: 'click' }],
      ['--since', undefined, 33, { command: 'billing export-invoices', via: 'click', required: true }],
      ['--format', 'csv', 34, { command: 'billing export-invoices', via: 'click' }],
      ['--port', '8000', 40, { command: 'billing runserver', via: 'click', env: 'BILLING_PORT' }],
    ]);
    expect(withMeta(run.of('env-var'))).toEqual([
      ['BILLING_DEBUG', 'False', 7, { via: 'click', flag: '--debug', command: 'billing' }],
      // PREFIX_SUBCOMMAND_PARAM, the param named by the Python parameter (`fmt`, not `format`).
      ['BILLING_DB_MIGRATE_DRY_RUN', undefined, 20, { via: 'click', flag: '--dry-run', command: 'billing db migrate', auto: true }],
      ['BILLING_DB_MIGRATE_TIMEOUT', '30', 21, { via: 'click', flag: '--timeout', command: 'billing db migrate', auto: true }],
      ['BILLING_DB_SEED_DATA_COUNT', '10', 27, { via: 'click', flag: '--count', command: 'billing db seed-data', auto: true }],
      ['BILLING_EXPORT_INVOICES_SINCE', undefined, 33, { via: 'click', flag: '--since', command: 'billing export-invoices', auto: true }],
      ['BILLING_EXPORT_INVOICES_FMT', 'csv', 34, { via: 'click', flag: '--format', command: 'billing export-invoices', auto: true }],
      ['BILLING_PORT', '8000', 40, { via: 'click', flag: '--port', command: 'billing runserver' }],
      ['PORT', '8000', 40, { via: 'click', flag: '--port', command: 'billing runserver' }],
    ]);
    expect(withMeta(run.of('port'))).toEqual([['8000', undefined, 40, { via: 'flag', flag: '--port', command: 'billing runserver', env: 'BILLING_PORT' }]]);
    expect(rows([run.one('cli-flag', '-t'), run.one('cli-flag', '--timeout'), run.one('cli-command', 'billing db seed-data')])).toEqual([
      ['-t', '30', 21, 16],
      ['--timeout', '30', 21, 22],
      ['billing db seed-data', undefined, 26, 19],
    ]);
  });

  it('reads Typer apps: add_typer, callback options, Annotated and old-style Option, bool --no- flags; skips Arguments and Context', () => {
    const run = runProvider(pythonProvider, 'ledger/main.py', TYPER_LEDGER);
    expect(withMeta(run.of('cli-command'))).toEqual([
      ['main.py', undefined, 5, { via: 'typer', module: 'ledger.main', entry: 'app', fallback: true }],
      // Every command of a tree named after its file says so: `main.py` is no executable.
      ['main.py accounts', undefined, 7, { via: 'typer', fallback: true }],
      ['main.py accounts list', undefined, 15, { via: 'typer', fallback: true }],
      ['main.py accounts close-account', undefined, 21, { via: 'typer', fallback: true }],
      ['main.py reconcile', undefined, 26, { via: 'typer', fallback: true }],
    ]);
    const facts = new FactBase();
    facts.add(...run.facts.map((f) => ({ ...f, provider: 'python' })));
    expect([...extractContextOf(facts).executables]).toEqual([]);
    expect(withMeta(run.of('cli-flag'))).toEqual([
      ['--verbose', 'False', 11, { command: 'main.py', via: 'typer' }],
      ['--no-verbose', 'False', 11, { command: 'main.py', via: 'typer', alias: '--verbose' }],
      ['--env', 'dev', 11, { command: 'main.py', via: 'typer', short: '-e', env: 'LEDGER_ENV' }],
      ['-e', 'dev', 11, { command: 'main.py', via: 'typer', env: 'LEDGER_ENV', alias: '--env' }],
      ['--limit', '50', 16, { command: 'main.py accounts list', via: 'typer' }],
      ['--include-closed', 'False', 16, { command: 'main.py accounts list', via: 'typer' }],
      ['--no-include-closed', 'False', 16, { command: 'main.py accounts list', via: 'typer', alias: '--include-closed' }],
      ['--force', 'False', 21, { command: 'main.py accounts close-account', via: 'typer', short: '-f' }],
      ['-f', 'False', 21, { command: 'main.py accounts close-account', via: 'typer', alias: '--force' }],
      ['--dry-run', undefined, 29, { command: 'main.py reconcile', via: 'typer' }],
      ['--apply', undefined, 29, { command: 'main.py reconcile', via: 'typer', alias: '--dry-run' }],
      ['--batch', '500', 30, { command: 'main.py reconcile', via: 'typer', env: 'LEDGER_BATCH' }],
    ]);
    expect(withMeta(run.of('env-var'))).toEqual([
      ['LEDGER_ENV', 'dev', 11, { via: 'typer', flag: '--env', command: 'main.py' }],
      ['LEDGER_BATCH', '500', 30, { via: 'typer', flag: '--batch', command: 'main.py reconcile' }],
    ]);
  });

  it('runs the only command of a Typer app without callback as the root (named after the package of __main__.py), and typer.run', () => {
    const single = runProvider(pythonProvider, 'tools/sync_tool/__main__.py', TYPER_SINGLE);
    expect(withMeta(single.of('cli-command'))).toEqual([['sync_tool', undefined, 3, { via: 'typer', module: 'tools.sync_tool.__main__', entry: 'app,sync', fallback: true }]]);
    expect(withMeta(single.of('cli-flag'))).toEqual([
      ['--full', 'False', 7, { command: 'sync_tool', via: 'typer' }],
      ['--no-full', 'False', 7, { command: 'sync_tool', via: 'typer', alias: '--full' }],
      ['--retries', '3', 7, { command: 'sync_tool', via: 'typer', env: 'SYNC_RETRIES' }],
    ]);
    const run = runProvider(pythonProvider, 'hello.py', TYPER_RUN);
    expect(withMeta(run.of('cli-command'))).toEqual([['hello.py', undefined, 4, { via: 'typer', module: 'hello', entry: 'main', fallback: true }]]);
    expect(withMeta(run.of('cli-flag'))).toEqual([['--count', '1', 4, { command: 'hello.py', via: 'typer' }]]);
  });

  it('starts commands of a group imported from another module at the command itself, as partial', () => {
    const run = runProvider(
      pythonProvider,
      'billing/commands/reports.py',
      py`
import click

from billing.cli import cli


@cli.command("daily-report")
@click.option("--date", envvar="REPORT_DATE")
def daily(date):
    pass
`,
    );
    expect(withMeta(run.of('cli-command'))).toEqual([['daily-report', undefined, 6, { via: 'click', partial: true }]]);
    expect(withMeta(run.of('cli-flag'))).toEqual([['--date', undefined, 7, { command: 'daily-report', via: 'click', env: 'REPORT_DATE', partial: true }]]);
    expect(withMeta(run.of('env-var'))).toEqual([['REPORT_DATE', undefined, 7, { via: 'click', flag: '--date', command: 'daily-report', partial: true }]]);
  });

  it('names click commands like click does', () => {
    expect(['init_db', 'export_command', 'users_grp', 'Sync_Cmd', 'Report_GROUP', 'cmd_foo', '_command'].map(clickCommandName)).toEqual(['init-db', 'export', 'users', 'sync', 'report', 'cmd-foo', '-command']);
  });
});

describe('python provider: HTTP routes and ports', () => {
  it('reads Flask apps and blueprints: url_prefix (constructor and registration), nested blueprints, MethodView rules, app.cli', () => {
    const run = runProvider(pythonProvider, 'billing/web.py', FLASK_APP);
    expect(withMeta(run.of('route'))).toEqual([
      ['GET /api/v1/invoices', '/api/v1/invoices', 11, { method: 'GET', framework: 'flask' }],
      ['POST /api/v1/invoices', '/api/v1/invoices', 11, { method: 'POST', framework: 'flask' }],
      ['GET /api/v1/invoices/{}', '/api/v1/invoices/<int:invoice_id>', 16, { method: 'GET', framework: 'flask' }],
      ['DELETE /admin/cache', '/admin/cache', 21, { method: 'DELETE', framework: 'flask' }],
      ['GET /api/v1/reports/monthly', '/api/v1/reports/monthly', 26, { method: 'GET', framework: 'flask' }],
      ['GET /api/v1/customers/{}', '/api/v1/customers/<customer_id>', 39, { method: 'GET', framework: 'flask' }],
      ['PUT /api/v1/customers/{}', '/api/v1/customers/<customer_id>', 39, { method: 'PUT', framework: 'flask' }],
      ['GET /healthz', '/healthz', 48, { method: 'GET', framework: 'flask' }],
    ]);
    expect(withMeta(run.of('cli-command'))).toEqual([
      ['flask', undefined, 52, { via: 'click' }],
      ['flask sync-rates', undefined, 52, { via: 'click' }],
    ]);
    expect(withMeta(run.of('port'))).toEqual([['5000', undefined, 60, { via: 'flask', env: 'PORT' }]]);
    expect(withMeta(run.of('env-var'))).toEqual([['PORT', '5000', 60, { via: 'os.environ.get' }]]);
    expect(rows([run.one('route', 'DELETE /admin/cache')])).toEqual([['DELETE /admin/cache', '/admin/cache', 21, 16]]);
  });

  it('reads FastAPI routers: router and include prefixes (f-string constant), api_route, add_api_route; an unmounted router is partial', () => {
    const run = runProvider(pythonProvider, 'billing/api.py', FASTAPI_APP);
    expect(withMeta(run.of('route'))).toEqual([
      ['GET /api/v2/invoices', '/api/v2/invoices/', 14, { method: 'GET', framework: 'fastapi' }],
      ['POST /api/v2/invoices/{}/pay', '/api/v2/invoices/{invoice_id}/pay', 19, { method: 'POST', framework: 'fastapi' }],
      ['GET /api/v2/refunds/{}', '/api/v2/refunds/{refund_id}', 24, { method: 'GET', framework: 'fastapi' }],
      ['DELETE /api/v2/refunds/{}', '/api/v2/refunds/{refund_id}', 24, { method: 'DELETE', framework: 'fastapi' }],
      ['GET /internal/metrics', '/internal/metrics', 29, { method: 'GET', framework: 'fastapi', partial: true }],
      ['HEAD /ping', '/ping', 38, { method: 'HEAD', framework: 'fastapi' }],
      ['GET /health', '/health', 43, { method: 'GET', framework: 'fastapi' }],
    ]);
    expect(withMeta(run.of('port'))).toEqual([['8080', undefined, 49, { via: 'uvicorn.run' }]]);
  });

  it('marks routes on a router imported from another module as partial', () => {
    const run = runProvider(
      pythonProvider,
      'billing/routes/refunds.py',
      py`
from fastapi import Depends

from billing.api import router


@router.post("/refunds/{refund_id}/approve")
async def approve(refund_id: str, user=Depends(lambda: None)):
    return {}
`,
    );
    expect(withMeta(run.of('route'))).toEqual([['POST /refunds/{}/approve', '/refunds/{refund_id}/approve', 6, { method: 'POST', framework: 'fastapi', partial: true }]]);
  });

  it('reads Django urlpatterns: path, re_path and inline include() lists', () => {
    const run = runProvider(pythonProvider, 'billing/urls.py', DJANGO_URLS);
    expect(withMeta(run.of('route'))).toEqual([
      ['ANY /invoices', '/invoices/', 7, { method: 'ANY', framework: 'django' }],
      ['ANY /admin', '/admin/', 11, { method: 'ANY', framework: 'django' }],
      ['ANY /healthz', '/healthz', 12, { method: 'ANY', framework: 'django' }],
      ['ANY /api/v1/invoices/{}', '/api/v1/invoices/<int:pk>/', 14, { method: 'ANY', framework: 'django' }],
      ['ANY /api/v1/customers/{}', '/api/v1/customers/<customer_id>/', 15, { method: 'ANY', framework: 'django' }],
      // A regex that is not a plain path (`(.*)`) gives nothing.
      ['ANY /legacy/<slug>.json', '/legacy/<slug>.json', 18, { method: 'ANY', framework: 'django' }],
    ]);
    expect(djangoRegexPath('^api/(?P<pk>\\d+)/$')).toBe('api/<pk>/');
    expect(djangoRegexPath('^files/(.*)$')).toBeUndefined();
  });

  it('reads ports from gunicorn bind, waitress, aiohttp and werkzeug, with environment defaults', () => {
    const conf = runProvider(pythonProvider, 'deploy/gunicorn.conf.py', GUNICORN_CONF);
    expect(withMeta(conf.of('port'))).toEqual([['8000', undefined, 4, { via: 'gunicorn' }]]);
    expect(withMeta(conf.of('env-var'))).toEqual([['METRICS_PORT', '9102', 4, { via: 'os.getenv' }]]);
    // `bind` means nothing outside a gunicorn config file.
    expect(runProvider(pythonProvider, 'deploy/settings.py', GUNICORN_CONF).keys('port')).toEqual([]);
    const run = runProvider(pythonProvider, 'svc/server.py', SERVERS);
    expect(withMeta(run.of('port'))).toEqual([
      ['8081', undefined, 12, { via: 'waitress.serve' }],
      ['8082', undefined, 14, { via: 'aiohttp.web.run_app', env: 'AIOHTTP_PORT' }],
      ['8083', undefined, 16, { via: 'werkzeug' }],
    ]);
    expect(withMeta(run.of('env-var'))).toEqual([
      ['SERVER', undefined, 11, { via: 'os.getenv' }],
      ['SERVER', undefined, 13, { via: 'os.getenv' }],
      ['AIOHTTP_PORT', '8082', 14, { via: 'os.environ.get' }],
    ]);
  });
});

describe('python provider: lexing and file selection', () => {
  it('is not fooled by triple-quoted code, comments, # in strings, raw strings, escaped braces; reads nested f-string fields', () => {
    const run = runProvider(pythonProvider, 'svc/app.py', TRICKY);
    expect(withMeta(run.of('env-var'))).toEqual([
      ['NESTED_QUOTES_312', 'd', 16, { via: 'os.getenv' }],
      ['FMT_SPEC', '7', 17, { via: 'os.getenv' }],
      ['WIDTH_VAR', '10', 17, { via: 'os.getenv' }],
      ['CONTINUED_LINE', 'yes', 21, { via: 'os.getenv' }],
      ['AFTER_BYTES', 'z', 35, { via: 'os.getenv' }],
    ]);
    expect(withMeta(run.of('route'))).toEqual([
      ['GET /items/{}', '/items/{item_id}', 26, { method: 'GET', framework: 'fastapi' }],
      ['POST /after', '/after', 33, { method: 'POST', framework: 'fastapi' }],
    ]);
    expect(rows([run.one('env-var', 'WIDTH_VAR'), run.one('route', 'POST /after')])).toEqual([
      ['WIDTH_VAR', '10', 17, 57],
      ['POST /after', '/after', 33, 12],
    ]);
  });

  it('keeps lines and columns with CRLF line ends, a BOM and tab indentation', () => {
    const src = ['\ufeffimport os', 'from flask import Flask', '', 'app = Flask(__name__)', '', '', '@app.route("/crlf")', 'def crlf():', '    return os.getenv("CRLF_VAR", "a")', '', 'if __name__ == "__main__":', '\tapp.run(port=5001)', ''].join('\r\n');
    const run = runProvider(pythonProvider, 'web.py', src);
    expect(rows(run.facts)).toEqual([
      ['GET /crlf', '/crlf', 7, 13],
      ['CRLF_VAR', 'a', 9, 23],
      ['5001', undefined, 12, 15],
    ]);
  });

  it('takes names that are Object.prototype members as plain Python names', () => {
    const run = runProvider(
      pythonProvider,
      'weird/cli.py',
      py`
import os
import click

__proto__ = os.getenv("PROTO_VAR", "p")
constructor = "CTOR_VAR"
toString = os.getenv(constructor, "c")


@click.group()
def hasOwnProperty():
    pass


@hasOwnProperty.command()
@click.option("--constructor", default="x")
def constructor_cmd(constructor):
    pass
`,
    );
    expect(withMeta(run.of('env-var'))).toEqual([
      ['PROTO_VAR', 'p', 4, { via: 'os.getenv' }],
      ['CTOR_VAR', 'c', 6, { via: 'os.getenv' }],
    ]);
    expect(run.keys('cli-command')).toEqual(['cli.py', 'cli.py constructor']);
    expect(withMeta(run.of('cli-flag'))).toEqual([['--constructor', 'x', 15, { command: 'cli.py constructor', via: 'click' }]]);
  });

  it('decodes string literals and drops comments', () => {
    const toks = tokenizePython('x = rb"\\d" + f"{a!r:>{w}}" # c\ny = """a\n#b""" \\\n  + u\'\\x41\'\n');
    expect(toks.map((t) => (t.kind === 'string' ? `str:${t.value}` : t.kind === 'newline' ? 'NL' : t.text))).toEqual([
      'x', '=', 'str:\\d', '+', 'str:{a!r:>{w}}', 'NL', 'y', '=', 'str:a\n#b', '+', 'str:A', 'NL',
    ]);
  });

  it('skips tests, virtual environments and installed packages', () => {
    for (const p of ['app.py', 'src/billing/cli.py', 'billing/testing.py', 'billing/contest.py', 'deploy/gunicorn.conf.py']) expect(isPythonSource(p)).toBe(true);
    for (const p of [
      'tests/test_cli.py', 'billing/tests/helpers.py', 'test/fixtures.py', 'billing/test_api.py', 'billing/api_test.py', 'conftest.py', 'venv/lib/x.py', '.venv/bin/activate_this.py',
      'env/lib/python3.12/site-packages/click/core.py', 'usr/lib/python3.11/os.py', '.tox/py312/x.py', '.nox/x.py', '__pypackages__/3.12/lib/a.py', 'node_modules/x/y.py', 'billing/cli.pyc', 'billing/cli.pyi',
    ]) {
      expect(isPythonSource(p), p).toBe(false);
    }
    expect(pythonProvider.matches('tests/test_cli.py')).toBe(false);
    expect(pythonModuleOf('src/billing/__init__.py')).toBe('src.billing');
    expect(pythonModuleOf('src/billing/cli.py')).toBe('src.billing.cli');
  });
});

describe('python provider: entry points', () => {
  /** Facts of one provider run, stamped as the python provider's. */
  const stamped = (path: string, text: string): Fact[] => runProvider(pythonProvider, path, text).facts.map((f) => ({ ...f, provider: 'python' }));
  const bin = (key: string, file: string, module: string, fn: string): Fact => ({ kind: 'bin', key, value: `${module}:${fn}`, origin: { file, start: { line: 8 } }, provider: 'pyproject', meta: { module, function: fn } });

  it('re-roots a CLI tree under the executable of the entry point that names its module', () => {
    const facts = new FactBase();
    facts.add(...stamped('src/billing/cli.py', CLICK_CLI), bin('payments-cli', 'pyproject.toml', 'billing.cli', 'cli'));
    const linked = linkPythonEntryPoints(facts);
    expect(linked.filter((f) => f.kind === 'cli-command').map((f) => [f.key, f.origin.start.line, f.meta?.['bin']])).toEqual([
      ['payments-cli', 9, 'payments-cli'],
      ['payments-cli db', 15, 'payments-cli'],
      ['payments-cli db migrate', 22, 'payments-cli'],
      ['payments-cli db seed-data', 26, 'payments-cli'],
      ['payments-cli export-invoices', 35, 'payments-cli'],
      ['payments-cli runserver', 45, 'payments-cli'],
    ]);
    expect(linked.find((f) => f.key === '--timeout')).toMatchObject({ value: '30', origin: { file: 'src/billing/cli.py', start: { line: 21 } }, meta: { command: 'payments-cli db migrate', bin: 'payments-cli', short: '-t' } });
    expect(linked.every((f) => f.provider === 'python' && f.meta?.['fallback'] === undefined)).toBe(true);
  });

  it('picks the root by the entry function when a module has several, and ignores manifests of other directories', () => {
    const facts = new FactBase();
    const twoRoots = py`
import argparse
import click


@click.group()
def cli():
    pass


@cli.command()
def sync():
    pass


def worker_main():
    parser = argparse.ArgumentParser(prog="billing-worker")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.parse_args()
`;
    facts.add(...stamped('billing/entry.py', twoRoots), bin('bw', 'pyproject.toml', 'billing.entry', 'worker_main'), bin('other', 'services/other/pyproject.toml', 'billing.entry', 'cli'));
    const linked = linkPythonEntryPoints(facts);
    expect(linked.map((f) => [f.kind, f.key, f.meta?.['command']])).toEqual([
      ['cli-command', 'bw', undefined],
      ['cli-flag', '--concurrency', 'bw'],
    ]);
  });
});
