"""The dashboard's HTML pages (placeholder until the dashboard lands)."""
from fastapi import APIRouter

router = APIRouter()
