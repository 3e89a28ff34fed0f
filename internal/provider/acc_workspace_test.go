package provider

import (
	"fmt"
	"testing"
)

// A campaign of another workspace, which the key may not read, fails with
// an error that names the campaign and the workspace asked for and says
// what the API answered. Subject: SARVAM_TEST_FOREIGN_WORKSPACE_ID and
// SARVAM_TEST_FOREIGN_CAMPAIGN_ID, which no list of the key's own
// workspace can give.
func TestAccCampaign_otherWorkspace(t *testing.T) {
	accParallel(t)
	accCampaignOtherWorkspace(t, newAccTarget(t))
}

func accCampaignOtherWorkspace(t *testing.T, tg *accTarget) {
	ws, id := tg.getenv(envTestForeignWorkspace), tg.getenv(envTestForeignCampaign)
	if ws == "" || id == "" {
		t.Skipf("set %s and %s to a campaign of another workspace of org %q to check what reading it answers", envTestForeignWorkspace, envTestForeignCampaign, tg.org)
	}
	err := tg.runExpectingError(t, fmt.Sprintf("data \"sarvam_campaign\" \"elsewhere\" {\n  workspace_id = %s\n  campaign_id  = %s\n}\n", hcl(ws), hcl(id)))
	if err == nil {
		t.Fatalf("the key read campaign %q of workspace %q; a key should belong to one workspace", id, ws)
	}
	checkOtherWorkspaceError(t, err, id, ws)
}
