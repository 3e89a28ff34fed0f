package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/sarvamai/terraform-provider-sarvam/internal/fakeapi"
)

// BenchmarkGetCampaign measures one read of the fully populated seed over a
// pooled loopback connection: request, body and decode. It goes around the
// sharing of identical reads, which BenchmarkGetCampaignShared measures.
func BenchmarkGetCampaign(b *testing.B) {
	srv := httptest.NewServer(fakeapi.New(testKey))
	defer srv.Close()
	c, err := New(fastConfig(srv.URL + fakeapi.BasePath))
	if err != nil {
		b.Fatal(err)
	}
	target, err := c.campaignURL(fakeapi.OrgID, fakeapi.WorkspaceID, fakeapi.LoanRemindersID)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := readURL(ctx, c, target, true, decodeCampaign200); err != nil {
			b.Fatal(err)
		}
	}
}

func decodeCampaign200(status int, body []byte) (*Campaign, error) {
	return decodeObject(status, body, "", campaignRequired)
}

// BenchmarkGetCampaignShared measures a read that an identical earlier read
// answers: no request, no decoding.
func BenchmarkGetCampaignShared(b *testing.B) {
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

// BenchmarkDecodeCampaignAsMap decodes the same bytes with plain
// encoding/json into map[string]any: the floor BenchmarkDecodeCampaign's
// checks and typed fields are measured against.
func BenchmarkDecodeCampaignAsMap(b *testing.B) {
	body := mustSeed(fakeapi.LoanRemindersID)
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		var v map[string]any
		if err := json.Unmarshal(body, &v); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeCampaignPhoneNumbers decodes the full campaign with n caller
// numbers; ns/number staying flat as n grows shows the time is linear.
func BenchmarkDecodeCampaignPhoneNumbers(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			body := campaignWithPhoneNumbers(mustSeed(fakeapi.LoanRemindersID), n)
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				c, err := decodeCampaign(body)
				if err != nil {
					b.Fatal(err)
				}
				if got := len(c.AppConfig.ConnectionConfigs[0].PhoneNumbers); got != n {
					b.Fatalf("%d numbers", got)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/number")
		})
	}
}
