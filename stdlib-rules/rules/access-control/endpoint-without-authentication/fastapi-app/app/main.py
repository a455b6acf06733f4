from fastapi import Depends, FastAPI

from app.deps import get_token_header
from app.routers import items, users

app = FastAPI()
app.include_router(users.router)
app.include_router(items.router, prefix="/items", dependencies=[Depends(get_token_header)])


# ruleid: endpoint-without-authentication
@app.get("/")
async def root():
    return {"message": "Hello"}
