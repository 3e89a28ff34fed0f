package provider

import (
	"os"
	"strings"
)

// EnvLogLevel is the variable terraform-plugin-go sets this provider's log
// level from: TF_LOG_PROVIDER_ followed by the provider's type name.
const EnvLogLevel = "TF_LOG_PROVIDER_SARVAM"

// DebugEnabled and TraceEnabled make tflogLogger a client.LevelLogger, so
// that the client builds no entry the provider's logger would drop. They
// read the level as terraform-plugin-go does (hclog.LevelFromString): a
// level name in any case, and TRACE when the variable is unset or holds
// something else. Under a test harness's log sink an unset level defers to
// the sink's; both then answer true, which only costs work.
func (tflogLogger) DebugEnabled() bool {
	switch providerLogLevel() {
	case "info", "warn", "error", "off":
		return false
	}
	return true
}

func (l tflogLogger) TraceEnabled() bool {
	return l.DebugEnabled() && providerLogLevel() != "debug"
}

func providerLogLevel() string {
	return strings.ToLower(strings.TrimSpace(os.Getenv(EnvLogLevel)))
}
