package client

import "testing"

// A 404's body is read for evidence of who answered: the API about the
// object, a router that knows no such path, or neither.
func TestBodyOrigin(t *testing.T) {
	for _, tc := range []struct {
		body string
		want Origin
	}{
		{`{"error":{"message":"Campaign x not found","type":"not_found_error","code":"campaign_not_found"}}`, OriginAPI},
		{`{"error":{}}`, OriginAPI},
		{`{"detail":"Campaign not found"}`, OriginAPI},
		{`{"detail":"not found"}`, OriginAPI},
		{` {"detail":"Not Found"} `, OriginRouteMiss},
		{`<!DOCTYPE html><html><body>404</body></html>`, OriginRouteMiss},
		{``, OriginRouteMiss},
		{"  \n", OriginRouteMiss},
		{`404 page not found`, OriginRouteMiss},
		{`Campaign not found`, OriginRouteMiss},
		{`{"detail":"Not Found","request_id":"r1"}`, OriginUnclear},
		{`{"detail":""}`, OriginUnclear},
		{`{"detail":[{"loc":["path","campaign_id"],"msg":"not found"}]}`, OriginUnclear},
		{`{"message":"Not found"}`, OriginUnclear},
		{`{"error":"not found"}`, OriginUnclear},
		{`"Not Found"`, OriginUnclear},
		{`[]`, OriginUnclear},
	} {
		if got := bodyOrigin([]byte(tc.body)); got != tc.want {
			t.Errorf("bodyOrigin(%q) = %d, want %d", tc.body, got, tc.want)
		}
	}
}
