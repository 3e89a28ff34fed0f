package provider

import (
	"testing"
)

func TestTimestamp(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{in: "2026-10-01T09:15:00Z", want: "2026-10-01T09:15:00Z"},
		{in: "2026-10-01T09:15:00.123456+05:30", want: "2026-10-01T09:15:00.123456+05:30"},
		{in: "2026-10-01T09:15:00", want: "2026-10-01T09:15:00Z"},
		{in: "2026-10-01T09:15:00.5", want: "2026-10-01T09:15:00.5Z"},
		{in: "2026-10-01 09:15:00", want: "2026-10-01T09:15:00Z"},
		{in: "2026-10-01 09:15:00+05:30", want: "2026-10-01T09:15:00+05:30"},
		{in: "2026-10-01t09:15:00z", want: "2026-10-01T09:15:00Z"},
		{in: "yesterday", err: `created_at: "yesterday" is not an RFC 3339 timestamp`},
		{in: "2026-13-01T00:00:00Z", err: `created_at: "2026-13-01T00:00:00Z" is not an RFC 3339 timestamp`},
		{in: "", err: `created_at: "" is not an RFC 3339 timestamp`},
	} {
		in := tc.in
		got, err := timestamp("created_at", &in)
		switch {
		case tc.err != "":
			if err == nil || err.Error() != tc.err {
				t.Errorf("%q: error %v, want %q", tc.in, err, tc.err)
			}
		case err != nil:
			t.Errorf("%q: %v", tc.in, err)
		case got.ValueString() != tc.want:
			t.Errorf("%q: got %q, want %q", tc.in, got.ValueString(), tc.want)
		default:
			if _, diags := got.ValueRFC3339Time(); diags.HasError() {
				t.Errorf("%q: %q does not parse as RFC 3339: %v", tc.in, got.ValueString(), diags)
			}
		}
	}
	if got, err := timestamp("created_at", nil); err != nil || !got.IsNull() {
		t.Errorf("absent: got %v, %v; want null", got, err)
	}
}
