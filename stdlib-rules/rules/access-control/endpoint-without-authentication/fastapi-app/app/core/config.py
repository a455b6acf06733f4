class Settings:
    API_V1_STR: str = "/api/v1"
    PROJECT_NAME: str = "Example"


settings = Settings()
