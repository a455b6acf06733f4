from fastapi import APIRouter

router = APIRouter()


# Included with dependencies=[Depends(get_token_header)] in main.py.
# ok: endpoint-without-authentication
@router.get("/")
async def read_items():
    return []
