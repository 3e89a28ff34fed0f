package client

import (
	"context"
	"net/http/httptest"
	"testing"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// BenchmarkGetCampaign measures one read of the fully populated seed over a
// pooled loopback connection: request, body and decode.
func BenchmarkGetCampaign(b *testing.B) {
	srv := httptest.NewServer(fakeapi.New(testKey))
	defer srv.Close()
	c, err := New(fastConfig(srv.URL + fakeapi.BasePath))
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.GetCampaign(ctx, fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.LoanRemindersID); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeCampaign isolates decoding from the network.
func BenchmarkDecodeCampaign(b *testing.B) {
	body := mustSeed(fakeapi.LoanRemindersID)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decodeCampaign(body); err != nil {
			b.Fatal(err)
		}
	}
}
