package provider

import (
	"testing"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

var _ client.LevelLogger = tflogLogger{}

// The logger answers as terraform-plugin-go sets the provider's level.
func TestLoggerLevels(t *testing.T) {
	for _, tc := range []struct {
		value        string
		debug, trace bool
	}{
		{"", true, true},
		{"trace", true, true},
		{" TRACE ", true, true},
		{"verbose", true, true}, // not a level: terraform-plugin-go logs at trace
		{"debug", true, false},
		{"DEBUG", true, false},
		{"info", false, false},
		{"warn", false, false},
		{"error", false, false},
		{"OFF", false, false},
	} {
		t.Run(tc.value, func(t *testing.T) {
			t.Setenv(EnvLogLevel, tc.value)
			l := tflogLogger{}
			if l.DebugEnabled() != tc.debug || l.TraceEnabled() != tc.trace {
				t.Fatalf("%s=%q: debug %v, trace %v; want %v, %v", EnvLogLevel, tc.value, l.DebugEnabled(), l.TraceEnabled(), tc.debug, tc.trace)
			}
		})
	}
}
