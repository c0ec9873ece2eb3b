"""kubectl-profiles: GitOps profiles for Kubernetes (a kubectl plugin and an admission webhook)."""

__version__ = "0.1.0"
