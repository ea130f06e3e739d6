-- IAM users of the AWS accounts the inventory reads, with the policies that apply to them (their own inline and
-- attached ones and their groups'), as JSON documents for the IAM evaluation of attack paths; and their access
-- key ids, so that a leaked key id finds its user. An account's rows are replaced whole by each read.
create table aws_iam_user (
    arn          text        primary key
  , account_id   text        not null
  , user_name    text        not null
  , user_id      text        not null
  , policies     jsonb       not null
  , updated_at   timestamptz not null default now()
);

create index aws_iam_user_account_idx on aws_iam_user (account_id);

create table aws_access_key (
    access_key_id text primary key
  , user_arn      text not null references aws_iam_user (arn) on delete cascade
  , status        text not null
);

create index aws_access_key_user_idx on aws_access_key (user_arn);
