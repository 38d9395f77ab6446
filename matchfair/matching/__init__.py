"""Matching in the web app: ranked suppliers per need and needs per company, shortlists, interest."""
