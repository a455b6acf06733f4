from fastapi import Depends, FastAPI

from app.core.config import settings
from app.deps import get_token_header
from app.routers import items, jobs, users

app = FastAPI()
app.include_router(users.router)
app.include_router(items.router, prefix="/items", dependencies=[Depends(get_token_header)])
app.include_router(jobs.router, prefix=settings.API_V1_STR)


# ruleid: endpoint-without-authentication
@app.get("/")
async def root():
    return {"message": "Hello"}
