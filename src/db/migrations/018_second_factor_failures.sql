-- Wrong second-factor codes are counted per account, not per half-done login: a person
-- who has the password could otherwise log in again and again, five guesses each time.
-- After 5 wrong codes in a row the account's codes are refused until totp_hold_until.
ALTER TABLE users ADD COLUMN totp_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN totp_hold_until TEXT;
