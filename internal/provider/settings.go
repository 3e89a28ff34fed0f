package provider

// The names the provider's settings go by, which every layer may need.

// Environment variables read when the matching attribute is not set.
const (
	EnvAPIKey         = "SARVAM_API_KEY"
	EnvBaseURL        = "SARVAM_BASE_URL"
	EnvOrgID          = "SARVAM_ORG_ID"
	EnvWorkspaceID    = "SARVAM_WORKSPACE_ID"
	EnvMaxRetries     = "SARVAM_MAX_RETRIES"
	EnvRequestTimeout = "SARVAM_REQUEST_TIMEOUT"
)

// providerTypeName begins the type name of every data source.
const providerTypeName = "sarvam"

// envLookup looks up the environment variables a setting falls back to:
// os.Getenv, or in a test an environment of the test's own, so that tests
// with different settings can run at once in one process.
type envLookup func(name string) string
