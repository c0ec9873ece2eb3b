# The webhook's image: a wheel built in one stage, installed into a slim runtime with no build tools.
FROM python:3.11-slim AS build
WORKDIR /src
COPY setup.cfg pyproject.toml README.md ./
COPY kubectl_profiles kubectl_profiles
COPY webhook webhook
COPY controller controller
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
# git (and ssh for ssh:// and git@ URLs): profiles-controller scans catalogs' repositories with the system git
RUN apt-get update && apt-get install -y --no-install-recommends git openssh-client \
    && rm -rf /var/lib/apt/lists/*
LABEL org.opencontainers.image.title="profiles-webhook" \
      org.opencontainers.image.description="Validating admission webhook and controller (profiles-controller) for kubectl-profiles"
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
USER 65532:65532
EXPOSE 8443
ENTRYPOINT ["profiles-webhook"]
