using Npgsql;

namespace Arsip.Infrastructure;

/// <summary>Arsip runs as a role that may append events but never UPDATE, DELETE or TRUNCATE them and is no superuser (so it can neither read nor write the server's files, the anchor key among them); the owner role applies the schema.</summary>
public static class DatabaseRoles
{
    public const string Owner = "arsip_owner";
    public const string Runtime = "arsip_app";
    /// <summary>Marten's type names of Correspondence's ContentDestroyed events (Infrastructure does not see that module; a test keeps the two equal).</summary>
    public static readonly string[] TombstoneTypes = ["incoming_letter_content_destroyed", "outgoing_letter_content_destroyed", "disposition_content_destroyed"];

    private static string TombstoneTypeList => string.Join(", ", TombstoneTypes.Select(t => $"'{t}'"));

    /// <summary>The runtime role gets no attribute beyond LOGIN.</summary>
    public static async Task EnsureRolesAsync(NpgsqlConnection superuser, string? ownerPassword, string? runtimePassword, CancellationToken ct)
    {
        foreach (var (role, password) in new[] { (Owner, ownerPassword), (Runtime, runtimePassword) })
        {
            await using var command = new NpgsqlCommand($"""
                do $$ begin
                  if not exists (select 1 from pg_roles where rolname = '{role}') then create role {role} login; end if;
                end $$;
                alter role {role} login nosuperuser nocreatedb nocreaterole noreplication nobypassrls{(password is null ? "" : $" password '{password}'")};
                """, superuser);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Objects an older Arsip created as superuser; only a superuser can give ownership away.</summary>
    public static async Task TakeOverAsync(NpgsqlConnection superuser, CancellationToken ct)
    {
        var schema = ArsipDatabase.Schema;
        await using var takeOver = new NpgsqlCommand($"""
            do $$ declare r record; begin
              if exists (select 1 from pg_namespace n join pg_roles o on o.oid = n.nspowner where n.nspname = '{schema}' and o.rolsuper) then
                alter schema {schema} owner to {Owner};
              end if;
              for r in select c.relname, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace join pg_roles o on o.oid = c.relowner
                       where n.nspname = '{schema}' and o.rolsuper and c.relkind in ('r', 'S', 'p', 'v', 'm') loop
                execute format('alter %s {schema}.%I owner to {Owner}', case r.relkind when 'S' then 'sequence' when 'v' then 'view' when 'm' then 'materialized view' else 'table' end, r.relname);
              end loop;
              for r in select p.oid::regprocedure as f from pg_proc p join pg_namespace n on n.oid = p.pronamespace join pg_roles o on o.oid = p.proowner
                       where n.nspname = '{schema}' and o.rolsuper loop
                execute format('alter routine %s owner to {Owner}', r.f);
              end loop;
            end $$;
            """, superuser);
        await takeOver.ExecuteNonQueryAsync(ct);
    }

    public static async Task ApplySchemaAsync(string ownerConnectionString, string runtimeRole, Action<StoreOptions, string> configureStore, CancellationToken ct)
    {
        var schema = ArsipDatabase.Schema;
        using (var store = DocumentStore.For(opts => configureStore(opts, ownerConnectionString)))
            await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ownerConnectionString) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync(ct);
            var role = Quote(runtimeRole);
            await using var grants = new NpgsqlCommand($"""
                grant usage, create on schema {schema} to {role};
                -- what the owner owns (the runtime role's own tables, Wolverine's, are its already)
                do $$ declare r record; begin
                  for r in select c.oid::regclass as name, c.relkind from pg_class c join pg_namespace n on n.oid = c.relnamespace
                           where n.nspname = '{schema}' and c.relkind in ('r', 'p', 'S') and pg_has_role(current_user, c.relowner, 'usage') loop
                    if r.relkind = 'S' then execute format('grant usage, select, update on sequence %s to %I', r.name, '{runtimeRole}');
                    else execute format('grant select, insert, update, delete on table %s to %I', r.name, '{runtimeRole}'); end if;
                  end loop;
                  for r in select p.oid::regprocedure as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
                           where n.nspname = '{schema}' and pg_has_role(current_user, p.proowner, 'usage') loop
                    execute format('grant execute on function %s to %I', r.name, '{runtimeRole}');
                  end loop;
                end $$;
                alter default privileges in schema {schema} grant select, insert, update, delete on tables to {role};
                alter default privileges in schema {schema} grant usage, select, update on sequences to {role};
                -- blobs are written once (a new hash is a new row) and deleted only by pemusnahan; chunks are stored uncompressed,
                -- since scans and PDFs do not shrink
                revoke update, truncate, trigger, references on {schema}.arsip_blobs, {schema}.arsip_blob_chunks from {role};
                alter table {schema}.arsip_blob_chunks alter column data set storage external;
                -- sealed events: read and append only
                revoke update, delete, truncate, trigger, references on {schema}.mt_events from {role};
                revoke delete, truncate, trigger, references on {schema}.mt_streams from {role};
                -- the one way through: the owner rewriting the data of an event that a later sealed tombstone in the same stream
                -- names with its version, its link and exactly this reduced data (pemusnahan, Records/RecordDestruction.cs)
                create or replace function {schema}.arsip_sealed_events() returns trigger language plpgsql as $$
                begin
                  if tg_op = 'UPDATE' and current_user = (select pg_get_userbyid(relowner) from pg_class where oid = tg_relid) and (to_jsonb(new) - 'data') = (to_jsonb(old) - 'data')
                     and exists (select 1 from {schema}.mt_events t, jsonb_array_elements(t.data->'Reduced') x
                                 where t.tenant_id = old.tenant_id and t.stream_id = old.stream_id and t.type in ({TombstoneTypeList}) and t.version > old.version
                                   and old.type not in ({TombstoneTypeList}) and (x->>'Version')::bigint = old.version and x->>'Type' = old.type
                                   and x->>'Link' = old.headers->>'{HashChain.HashHeader}' and x->'Data' = new.data) then
                    return new;
                  end if;
                  raise exception 'Peristiwa yang sudah disegel tidak dapat diubah atau dihapus (sealed events cannot be updated or deleted): stream %, version %', old.stream_id, old.version
                    using errcode = '42501';
                end $$;
                revoke execute on function {schema}.arsip_sealed_events() from public;
                create or replace trigger arsip_sealed_events before update or delete on {schema}.mt_events
                  for each row execute function {schema}.arsip_sealed_events();
                -- inserting tombstones reduces the versions they name, in the same statement; as the owner, since the runtime role
                -- has no UPDATE on events. A statement trigger: a pemusnahan batch inserts a thousand tombstones in one INSERT
                -- (Records/RecordDestruction.cs), reduced by one UPDATE instead of one per tombstone; any other insert leaves at once
                create or replace function {schema}.arsip_reduce_events() returns trigger language plpgsql security definer
                  set search_path = pg_catalog, pg_temp as $$
                declare expected bigint; reduced bigint;
                begin
                  select sum(jsonb_array_length(coalesce(t.data->'Reduced', '[]'::jsonb))) into expected from inserted t where t.type in ({TombstoneTypeList});
                  if expected is null then return null; end if;
                  update {schema}.mt_events e set data = x->'Data'
                    from inserted t cross join lateral jsonb_array_elements(t.data->'Reduced') x
                    where t.type in ({TombstoneTypeList}) and e.tenant_id = t.tenant_id and e.stream_id = t.stream_id
                      and e.version = (x->>'Version')::bigint and e.version < t.version;
                  get diagnostics reduced = row_count;
                  if reduced <> expected then
                    raise exception 'Nisan menyebut peristiwa yang tidak ada (the tombstone names events that do not exist): % named, % found', expected, reduced
                      using errcode = '42501';
                  end if;
                  return null;
                end $$;
                revoke execute on function {schema}.arsip_reduce_events() from public;
                drop trigger if exists arsip_reduce_events on {schema}.mt_events;
                create trigger arsip_reduce_events after insert on {schema}.mt_events referencing new table as inserted
                  for each statement execute function {schema}.arsip_reduce_events();
                -- views rewritten in bulk (a destruction) leave their GIN entries in the index's pending list, which every probe
                -- then reads whole; merging it once before the sweeper's probes needs the owner (Searching/DestroyedContentSweeper.cs)
                create or replace function {schema}.arsip_merge_file_index_entries() returns void language plpgsql security definer
                  set search_path = pg_catalog, pg_temp as $$
                declare i regclass;
                begin
                  foreach i in array array[to_regclass('{schema}.mt_doc_incomingletterview_idx_data'), to_regclass('{schema}.mt_doc_outgoingletterview_idx_data'),
                                           to_regclass('{schema}.mt_doc_disposition_idx_data')] loop
                    if i is not null then perform gin_clean_pending_list(i); end if;
                  end loop;
                end $$;
                revoke execute on function {schema}.arsip_merge_file_index_entries() from public;
                grant execute on function {schema}.arsip_merge_file_index_entries() to {role};
                """, connection);
            await grants.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Any of these means the role is too powerful to run as.</summary>
    public sealed record Privileges(string Role, bool Superuser, bool ServerFiles, bool AltersEvents)
    {
        public bool TooPowerful => Superuser || ServerFiles || AltersEvents;

        public string Describe() =>
            $"Peran basis data '{Role}' terlalu berkuasa (the database role is too powerful): " +
            string.Join(", ", new[] { Superuser ? "superuser" : null, ServerFiles ? "reads or writes the server's files" : null, AltersEvents ? "may update, delete or truncate events" : null }.OfType<string>()) + ".";
    }

    public static async Task<Privileges> CheckAsync(string runtimeConnectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(runtimeConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"""
            select current_user, r.rolsuper,
                   pg_has_role(current_user, 'pg_read_server_files', 'member') or pg_has_role(current_user, 'pg_write_server_files', 'member')
                     or pg_has_role(current_user, 'pg_execute_server_program', 'member'),
                   coalesce(to_regclass('{ArsipDatabase.Schema}.mt_events') is not null and (
                     has_table_privilege('{ArsipDatabase.Schema}.mt_events', 'UPDATE') or has_table_privilege('{ArsipDatabase.Schema}.mt_events', 'DELETE')
                     or has_table_privilege('{ArsipDatabase.Schema}.mt_events', 'TRUNCATE')
                     or pg_has_role(current_user, (select relowner from pg_class where oid = to_regclass('{ArsipDatabase.Schema}.mt_events')), 'member')), false)
            from pg_roles r where r.rolname = current_user
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new Privileges(reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3));
    }

    public static string UserOf(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Username ?? Environment.UserName;

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"")}\"";
}
