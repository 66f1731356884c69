"""ASGI application: `uvicorn billing.api.app:app`, or `billing serve`."""
from fastapi import FastAPI

from billing.api.routes import api
from billing.settings import PORT

app = FastAPI(title="Billing API", version="3.2.0")
app.include_router(api)


@app.get("/healthz", include_in_schema=False)
def healthz():
    return {"status": "ok"}


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app, host="0.0.0.0", port=PORT)
