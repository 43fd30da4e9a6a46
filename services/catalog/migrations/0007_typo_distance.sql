-- Search ranks a name a typo or two away from the query close to an exact match
-- (custmers -> customers): trigram similarity cannot tell one from a name that merely
-- shares a word, edit distance can (levenshtein_less_equal, on the few hundred
-- candidates a search ranks).
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
