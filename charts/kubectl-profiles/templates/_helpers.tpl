{{- define "profiles.fullname" -}}
{{- printf "%s-webhook" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "profiles.labels" -}}
app.kubernetes.io/name: kubectl-profiles
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "profiles.selector" -}}
app.kubernetes.io/name: kubectl-profiles
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "profiles.tlsSecret" -}}
{{ include "profiles.fullname" . }}-tls
{{- end -}}

{{- /* The label that exempts a namespace from the webhook on clusters that do not name namespaces by label. */ -}}
{{- define "profiles.exemptLabel" -}}
profiles.weave.works/webhook
{{- end -}}

{{- /* Non-empty before Kubernetes 1.21, which started to set kubernetes.io/metadata.name on every namespace. */ -}}
{{- define "profiles.needsExemptLabel" -}}
{{- if semverCompare "<1.21.0-0" .Capabilities.KubeVersion.Version -}}true{{- end -}}
{{- end -}}
