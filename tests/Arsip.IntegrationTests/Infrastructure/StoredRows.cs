using Npgsql;

namespace Arsip.IntegrationTests.Infrastructure;

/// <summary>
/// Counts what requests write: every event and every stored document row, in one query. Left out is what the
/// host writes by itself, after an earlier request, whatever the request being checked does: the asynchronous
/// agenda summary, reminders and escalations with their notifications, and the record of secret letters read.
/// </summary>
public sealed class StoredRows(string connectionString)
{
    private static readonly string[] BackgroundEvents = ["disposition_reminder_sent", "disposition_escalated", "secret_letter_read"];
    private static readonly string[] BackgroundDocuments = ["agendayearsummary", "dispositionnotification"];
    private string? _query;

    public async Task<long> CountAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        _query ??= await BuildQueryAsync(connection);
        await using var command = new NpgsqlCommand(_query, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private static async Task<string> BuildQueryAsync(NpgsqlConnection connection)
    {
        var tables = new List<string>();
        string? events = null;
        await using (var list = new NpgsqlCommand(
            "select table_schema, table_name from information_schema.tables where table_type = 'BASE TABLE' and (table_name like 'mt_doc_%' or table_name = 'mt_events')", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var (schema, name) = (reader.GetString(0), reader.GetString(1));
                if (name == "mt_events") events = $"\"{schema}\".mt_events";
                else if (!BackgroundDocuments.Any(name.Contains)) tables.Add($"\"{schema}\".\"{name}\"");
            }
        }
        var parts = tables.Select(t => $"(select count(*) from {t})").ToList();
        if (events is not null)
            parts.Add($"(select count(*) from {events} where type not in ({string.Join(", ", BackgroundEvents.Select(e => $"'{e}'"))}))");
        return "select " + (parts.Count == 0 ? "0" : string.Join(" + ", parts));
    }
}
