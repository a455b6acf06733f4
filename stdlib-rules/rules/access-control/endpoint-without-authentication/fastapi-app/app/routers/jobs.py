from fastapi import APIRouter

router = APIRouter()


# Mounted under the prefix a settings object holds: /api/v1/jobs/{job}.
# ruleid: endpoint-without-authentication
@router.get("/jobs/{job}")
async def job_status(job: str):
    return {"job": job}
