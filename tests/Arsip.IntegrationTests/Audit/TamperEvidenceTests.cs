using System.Net;
using System.Net.Http.Json;
using Arsip.Audit;
using Arsip.Correspondence;
using Arsip.IntegrationTests.Correspondence;
using Arsip.IntegrationTests.Infrastructure;
using Npgsql;

namespace Arsip.IntegrationTests.Audit;

/// <summary>Every way of changing the stored record behind Arsip's back is detected and located.</summary>
public partial class TamperEvidenceTests(ArsipApp app) : ArsipTest(app)
{
    private async Task<Guid> LetterWithThreeEventsAsync(string number)
    {
        var registrar = await As("registrar");
        var id = (await ReadAsync<RegisterIncomingLetterResponse>(await registrar.PostAsJsonAsync("/api/incoming-letters", RegisteringIncomingLettersTests.Letter(number)))).Id;
        (await registrar.PutAsJsonAsync($"/api/incoming-letters/{id}", new { changes = new { remarks = "Diteruskan ke Sekda" }, reason = "Catatan disposisi" })).EnsureSuccessStatusCode();
        (await registrar.PutAsJsonAsync($"/api/incoming-letters/{id}", new { changes = new { attachments = "2 berkas" }, reason = "Lampiran susulan" })).EnsureSuccessStatusCode();
        return id;
    }

    private async Task<ChainVerification> VerifyAsync(Guid id) =>
        (await (await As("auditor")).GetFromJsonAsync<ChainVerification>($"/api/letters/{id}/verify", ArsipApp.Json))!;

    /// <summary>Runs as the schema owner: a DBA, the one who can still touch event rows.</summary>
    private async Task SqlAsync(string sql, Guid stream) => await AsDbaAsync(async connection =>
    {
        foreach (var statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await using var command = new NpgsqlCommand(statement, connection) { Parameters = { new() { Value = stream } } };
            (await command.ExecuteNonQueryAsync()).ShouldBeGreaterThan(0);
        }
    });

    /// <summary>Even the owner meets the trigger: a DBA has to switch it off first, as an insider would.</summary>
    private async Task AsDbaAsync(Func<NpgsqlConnection, Task> work)
    {
        await using var connection = new NpgsqlConnection(App.OwnerConnectionString);
        await connection.OpenAsync();
        await new NpgsqlCommand("alter table arsip.mt_events disable trigger arsip_sealed_events", connection).ExecuteNonQueryAsync();
        try
        {
            await work(connection);
        }
        finally
        {
            await new NpgsqlCommand("alter table arsip.mt_events enable trigger arsip_sealed_events", connection).ExecuteNonQueryAsync();
        }
    }

    [Fact]
    public async Task An_untouched_letter_verifies_and_its_history_names_who_did_what()
    {
        var id = await LetterWithThreeEventsAsync("T/OK");

        var result = await VerifyAsync(id);
        result.Intact.ShouldBeTrue();
        result.Events.ShouldBe(3);
        result.FirstBroken.ShouldBeNull();

        var history = (await (await As("auditor")).GetFromJsonAsync<HistoryEntry[]>($"/api/letters/{id}/history", ArsipApp.Json))!;
        history.Select(h => h.Version).ShouldBe([1L, 2L, 3L]);
        history.ShouldAllBe(h => h.Actor!.StartsWith("Budi Santoso") && h.Hash!.Length == 64);
        history[2].Hash.ShouldBe(result.Head);
    }

    [Fact]
    public async Task Editing_an_events_JSON_in_the_database_is_detected_at_that_event()
    {
        var id = await LetterWithThreeEventsAsync("T/EDIT");
        await SqlAsync("update arsip.mt_events set data = jsonb_set(data, '{Reason}', '\"Tidak ada koreksi\"') where stream_id = $1 and version = 2", id);

        var result = await VerifyAsync(id);
        result.Intact.ShouldBeFalse();
        result.FirstBroken!.Version.ShouldBe(2);
    }

    [Fact]
    public async Task Deleting_an_event_is_detected_where_it_is_missing()
    {
        var id = await LetterWithThreeEventsAsync("T/DELETE");
        await SqlAsync("delete from arsip.mt_events where stream_id = $1 and version = 2", id);

        var result = await VerifyAsync(id);
        result.Intact.ShouldBeFalse();
        result.FirstBroken!.Version.ShouldBe(2);
        result.FirstBroken.Reason.ShouldContain("missing");
    }

    [Fact]
    public async Task Reordering_two_events_is_detected_at_the_first_moved_one()
    {
        var id = await LetterWithThreeEventsAsync("T/ORDER");
        await SqlAsync("""
            update arsip.mt_events set version = -1 where stream_id = $1 and version = 2;
            update arsip.mt_events set version = 2 where stream_id = $1 and version = 3;
            update arsip.mt_events set version = 3 where stream_id = $1 and version = -1;
            """, id);

        var result = await VerifyAsync(id);
        result.Intact.ShouldBeFalse();
        result.FirstBroken!.Version.ShouldBe(2);
    }

    [Fact]
    public async Task Verification_is_for_auditors_who_can_see_the_letter()
    {
        var id = await LetterWithThreeEventsAsync("T/ACCESS");
        (await (await As("kadinkes")).GetAsync($"/api/letters/{id}/verify")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await As("auditor", "kab-bekasi")).GetAsync($"/api/letters/{id}/verify")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

/// <summary>The daily anchor catches what a chain alone cannot: a whole stream deleted or rewritten.</summary>
public class AnchorTests(ArsipApp app) : ArsipTest(app)
{
    [Fact]
    public async Task An_anchor_detects_a_deleted_stream_and_a_rewritten_one()
    {
        var registrar = await As("registrar");
        var kept = (await ReadAsync<RegisterIncomingLetterResponse>(await registrar.PostAsJsonAsync("/api/incoming-letters", RegisteringIncomingLettersTests.Letter("A/KEEP")))).Id;
        var deleted = (await ReadAsync<RegisterIncomingLetterResponse>(await registrar.PostAsJsonAsync("/api/incoming-letters", RegisteringIncomingLettersTests.Letter("A/GONE")))).Id;
        var auditor = await As("auditor");

        var created = await auditor.PostAsJsonAsync("/api/audit/anchors", new { });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var anchor = await ReadAsync<AnchorSummary>(created);
        anchor.Digest.Length.ShouldBe(64);
        (await auditor.GetFromJsonAsync<AnchorVerification>($"/api/audit/anchors/{anchor.Id}/verify", ArsipApp.Json))!.Intact.ShouldBeTrue();

        await using (var connection = new NpgsqlConnection(App.OwnerConnectionString))
        {
            await connection.OpenAsync();
            await new NpgsqlCommand("alter table arsip.mt_events disable trigger arsip_sealed_events", connection).ExecuteNonQueryAsync();
            foreach (var sql in new[]
                     {
                         "delete from arsip.mt_events where stream_id = $1", "delete from arsip.mt_streams where id = $1",
                     })
            {
                await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = deleted } } };
                await command.ExecuteNonQueryAsync();
            }
            await using var rewrite = new NpgsqlCommand("update arsip.mt_events set data = jsonb_set(data, '{Subject}', '\"Ditulis ulang\"') where stream_id = $1", connection)
            {
                Parameters = { new() { Value = kept } },
            };
            await rewrite.ExecuteNonQueryAsync();
            await new NpgsqlCommand("alter table arsip.mt_events enable trigger arsip_sealed_events", connection).ExecuteNonQueryAsync();
        }

        var result = (await auditor.GetFromJsonAsync<AnchorVerification>($"/api/audit/anchors/{anchor.Id}/verify", ArsipApp.Json))!;
        result.Intact.ShouldBeFalse();
        result.SignatureValid.ShouldBeTrue();
        result.Problems.Select(p => p.StreamId).ShouldBe([kept, deleted], ignoreOrder: true);
        (await registrar.PostAsJsonAsync("/api/audit/anchors", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
