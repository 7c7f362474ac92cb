-- Share links of playlists (#15, Zou's playlist_share_link): a random token that opens one playlist to
-- people without an account, until it is revoked or expires, optionally behind a password (kept as
-- an argon2 hash, never returned).
CREATE TABLE playlist_share_link (
  id uuid PRIMARY KEY DEFAULT uuid_v7(),
  created_at timestamp NOT NULL DEFAULT utc_now(),
  updated_at timestamp NOT NULL DEFAULT utc_now(),
  token varchar(64) NOT NULL UNIQUE,
  playlist_id uuid NOT NULL REFERENCES playlist (id) ON DELETE CASCADE,
  created_by uuid REFERENCES person (id) ON DELETE SET NULL,
  -- The last instant the link works (a date given alone means its whole day); NULL: no end.
  expiration_date timestamp,
  is_active boolean NOT NULL DEFAULT true,
  can_comment boolean NOT NULL DEFAULT true,
  password_hash text
);
CREATE INDEX playlist_share_link_playlist_idx ON playlist_share_link (playlist_id) WHERE is_active;

SELECT add_touch_trigger('playlist_share_link'::regclass);
