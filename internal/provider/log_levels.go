package provider

import (
	"context"
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// EnvLogLevel is the variable terraform-plugin-go sets this provider's log
// level from: TF_LOG_PROVIDER_ followed by the provider's type name.
const EnvLogLevel = "TF_LOG_PROVIDER_SARVAM"

// tflogLogger sends the client's HTTP logs to tflog. It masks the key in
// every message and field, on top of the transport's header redaction, so
// that no path through the logger can print it.
type tflogLogger struct{ secret string }

func (l tflogLogger) mask(ctx context.Context) context.Context {
	if l.secret == "" {
		return ctx
	}
	ctx = tflog.MaskAllFieldValuesStrings(ctx, l.secret)
	return tflog.MaskMessageStrings(ctx, l.secret)
}

func (l tflogLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	tflog.Debug(l.mask(ctx), msg, fields)
}

func (l tflogLogger) Trace(ctx context.Context, msg string, fields map[string]any) {
	tflog.Trace(l.mask(ctx), msg, fields)
}

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
