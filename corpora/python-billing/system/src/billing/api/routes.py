"""HTTP routes of the billing API, all under /api/v1."""
from fastapi import APIRouter, HTTPException

api = APIRouter(prefix="/api/v1")
invoices = APIRouter(prefix="/invoices", tags=["invoices"])
customers = APIRouter(prefix="/customers", tags=["customers"])


@invoices.get("")
def list_invoices(status: str | None = None, limit: int = 50):
    return []


@invoices.post("", status_code=201)
def create_invoice():
    return {}


@invoices.get("/{invoice_id}")
def get_invoice(invoice_id: str):
    raise HTTPException(status_code=404)


# Was POST /{invoice_id}/void until 3.0.
@invoices.post("/{invoice_id}/cancel")
def cancel_invoice(invoice_id: str):
    return {"id": invoice_id, "status": "cancelled"}


@invoices.get("/{invoice_id}/pdf")
def invoice_pdf(invoice_id: str):
    return b""


@customers.get("/{customer_id}/invoices")
def customer_invoices(customer_id: str):
    return []


@customers.put("/{customer_id}/billing-address")
def update_billing_address(customer_id: str):
    return {}


@api.post("/webhooks/stripe")
def stripe_webhook():
    return {"received": True}


api.include_router(invoices)
api.include_router(customers)
