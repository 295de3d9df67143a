# The image of Tandem's Django code. The monolith and every process of the split build run
# from this one image; compose/ gives each container its command.
#
#   podman build --format docker -t tandem .       (or docker build -t tandem .)
#
# PYTHON_IMAGE and NODE_IMAGE pick the bases; they default to the official images, and any
# image with the same Python or Node.js and layout works (CI builds local stand-ins).
ARG PYTHON_IMAGE=python:3.11-slim
ARG NODE_IMAGE=node:20-slim
# checkov:skip=CKV_DOCKER_7:the tags come from PYTHON_IMAGE and NODE_IMAGE, pinned above

FROM ${NODE_IMAGE} AS client
WORKDIR /client
COPY client/package.json client/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY client/index.html client/tsconfig.json client/vite.config.ts ./
COPY client/src ./src
RUN npm run build

FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
WORKDIR /build
# The pinned dependencies alone first, so a change to the code reuses this layer.
COPY pyproject.toml ./
RUN python -m venv /opt/venv \
 && python -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies'], sep='\n')" >requirements.txt \
 && /opt/venv/bin/pip install --no-cache-dir -r requirements.txt

FROM ${PYTHON_IMAGE}
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1
RUN useradd --system --uid 10001 --user-group --no-create-home --home-dir /app tandem
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY manage.py ./
COPY common ./common
COPY monolith ./monolith
COPY microservices ./microservices
COPY migration ./migration
COPY --from=client /client/dist ./client/dist
# Compiled once here, as the code is read-only to the user it runs as.
RUN python -m compileall -q /app
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-m", "common.healthcheck", "http", "http://127.0.0.1:8000/health"]
CMD ["gunicorn", "monolith.config.wsgi:application", "--bind=0.0.0.0:8000", "--workers=2", \
     "--worker-class=gthread", "--threads=4", "--keep-alive=75", \
     "--config=python:common.gunicorn"]
