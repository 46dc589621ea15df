from tasks.app import app


@app.task(name="outbox.deliver", acks_late=True)
def outbox_deliver() -> int:
    from federation.platform.outbox.services import outbox_deliver_pending

    return outbox_deliver_pending()
