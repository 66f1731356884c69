"""The `billing` operator CLI (installed by the `billing` console script)."""
import click

from billing.settings import get_settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--env", "environment", default="production", envvar="BILLING_ENV", show_default=True, help="Target environment.")
@click.option("-v", "--verbose", is_flag=True, help="Log more.")
@click.pass_context
def cli(ctx, environment, verbose):
    """Operate the billing service."""
    ctx.obj = {"environment": environment, "verbose": verbose, "settings": get_settings()}


@cli.group()
def invoices():
    """Create and deliver invoices."""


@invoices.command()
@click.option("--period", required=True, help="Billing period, YYYY-MM.")
@click.option("--dry-run", is_flag=True, help="Print the invoices without saving them.")
@click.option("--customer", "customer_ids", multiple=True, help="Limit to these customers.")
def generate(period, dry_run, customer_ids):
    """Generate the invoices of a period."""


@invoices.command()
@click.option("--batch-size", default=250, show_default=True, help="Invoices per delivery batch.")
@click.option("--channel", type=click.Choice(["email", "webhook"]), default="email", show_default=True)
def send(batch_size, channel):
    """Deliver generated invoices."""


@cli.command()
@click.option("--since", default="7d", show_default=True, help="How far back to compare payments.")
@click.option("--auto-fix", is_flag=True, help="Write corrections instead of reporting them.")
def reconcile(since, auto_fix):
    """Compare recorded payments with the Stripe ledger."""


@cli.group()
def db():
    """Database maintenance."""


@db.command()
@click.option("--revision", default="head", show_default=True, help="Alembic revision to upgrade to.")
@click.option("--sql", is_flag=True, help="Print the SQL instead of running it.")
def migrate(revision, sql):
    """Apply database migrations."""


@cli.command()
@click.option("--host", default="0.0.0.0", show_default=True)
@click.option("--port", default=8080, envvar="BILLING_PORT", show_default=True)
@click.option("--workers", default=2, envvar="WEB_CONCURRENCY", show_default=True)
@click.option("--reload", is_flag=True, help="Restart on code changes (development only).")
def serve(host, port, workers, reload):
    """Run the HTTP API."""
    import uvicorn

    uvicorn.run("billing.api.app:app", host=host, port=port, workers=workers, reload=reload)


def main():
    cli(auto_envvar_prefix="BILLING")
