from fastapi import APIRouter, Depends

from app.deps import get_token_header

router = APIRouter(prefix="/users")


# ruleid: endpoint-without-authentication
@router.get("/")
async def list_users():
    return []


# ok: endpoint-without-authentication
@router.get("/me")
async def read_me(token=Depends(get_token_header)):
    return {}
