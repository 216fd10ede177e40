-- Imports (issue 17): a message read back from a JSON Lines export into this parking lot is marked as
-- imported in a narrow row beside it, with who imported it, from which file, and where it was parked
-- when it was exported. The row goes with the message (ON DELETE CASCADE).
CREATE TABLE message_import (
    message_id          BIGINT        NOT NULL PRIMARY KEY REFERENCES parked_message (id) ON DELETE CASCADE,
    imported_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    imported_by         VARCHAR(100)  NOT NULL,
    file_name           VARCHAR(200),
    original_connection VARCHAR(100),
    original_dlq        VARCHAR(100),
    original_id         BIGINT,
    masked_values       INT           NOT NULL
);
