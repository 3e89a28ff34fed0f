package client

import "context"

// debug writes a debug entry of the client's own, not about one request, to
// its Logger when it has one with debug on.
func (c *Client) debug(ctx context.Context, msg string, fields map[string]any) {
	if c.cfg.Logger == nil {
		return
	}
	if on, _ := levels(c.cfg.Logger); on {
		c.cfg.Logger.Debug(ctx, msg, fields)
	}
}
