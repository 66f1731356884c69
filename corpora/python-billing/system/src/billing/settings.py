"""Runtime settings of the billing service, read from the environment (and `.env` in development)."""
import os

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BILLING_", env_file=".env")

    database_url: str
    redis_url: str = "redis://localhost:6379/0"
    stripe_api_key: str
    currency: str = "EUR"
    invoice_due_days: int = 30
    log_level: str = "info"
    # Stripe documents this name, so it is read without the prefix.
    webhook_secret: str = Field("", alias="STRIPE_WEBHOOK_SECRET")


# Read before the settings object exists: the process manager sets these.
PORT = int(os.getenv("BILLING_PORT", "8080"))
WORKERS = int(os.environ.get("WEB_CONCURRENCY", "2"))
SENTRY_DSN = os.getenv("SENTRY_DSN")


def get_settings() -> Settings:
    return Settings()
