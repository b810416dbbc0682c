"""The API's endpoints, one module per resource; ``app.create_app`` includes them."""
