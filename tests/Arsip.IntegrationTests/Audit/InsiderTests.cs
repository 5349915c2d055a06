using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Arsip.Audit;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Arsip.IntegrationTests.Correspondence;
using Arsip.IntegrationTests.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Arsip.IntegrationTests.Audit;

/// <summary>
/// What someone holding Arsip's own database credentials, or the schema owner's (a DBA), can do to the record,
/// and what Arsip then says about it.
/// </summary>
public partial class TamperEvidenceTests
{
    private async Task<AnchorSummary> AnchorAsync()
    {
        var created = await (await As("auditor")).PostAsJsonAsync("/api/audit/anchors", new { });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        return await ReadAsync<AnchorSummary>(created);
    }

    private static async Task<PostgresException> RefusedAsync(NpgsqlConnection connection, string sql, Guid stream)
    {
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = stream } } };
        return await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task The_applications_own_role_cannot_update_delete_or_truncate_events_nor_touch_the_servers_files()
    {
        var id = await LetterWithThreeEventsAsync("INS/ROLE");
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();

        foreach (var sql in new[]
                 {
                     "update arsip.mt_events set data = jsonb_set(data, '{Reason}', '\"dipalsukan\"') where stream_id = $1 and version = 2",
                     "update arsip.mt_events set headers = headers || '{\"hash\":\"0\"}' where stream_id = $1",
                     "update arsip.mt_events set timestamp = timestamp - interval '1 year' where stream_id = $1",
                     "delete from arsip.mt_events where stream_id = $1",
                     "truncate arsip.mt_events cascade",
                     "alter table arsip.mt_events disable trigger arsip_sealed_events",
                     "drop schema arsip cascade",
                     "select pg_read_binary_file('/etc/hostname')",
                     "copy (select 1) to '/tmp/arsip-insider-test'",
                 })
            (await RefusedAsync(connection, sql, id)).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, sql);

        (await DatabaseRoles.CheckAsync(App.ConnectionString, CancellationToken.None)).TooPowerful.ShouldBeFalse();
        (await VerifyAsync(id)).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task Even_the_schema_owner_meets_the_trigger_unless_they_switch_it_off()
    {
        var id = await LetterWithThreeEventsAsync("INS/OWNER");
        await using var connection = new NpgsqlConnection(App.OwnerConnectionString);
        await connection.OpenAsync();
        (await RefusedAsync(connection, "update arsip.mt_events set data = data where stream_id = $1", id)).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        (await RefusedAsync(connection, "delete from arsip.mt_events where stream_id = $1", id)).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }

    /// <summary>The DBA edits version 2, then recomputes every link after it with the published definition.</summary>
    private Task ResealAsync(Guid id, string edit) => AsDbaAsync(async connection =>
    {
        await using (var command = new NpgsqlCommand(edit, connection) { Parameters = { new() { Value = id } } })
            await command.ExecuteNonQueryAsync();
        var events = await ChainVerifier.ReadAsync(connection, "arsip", "kota-bekasi", id, CancellationToken.None);
        using var hasher = new ChainHasher();
        foreach (var e in events)
        {
            var hash = hasher.Next(e.Data, new LinkFields(e.Format, "kota-bekasi", id, e.Version, e.Type, HashChain.Instant(e.Timestamp), e.Actor!));
            await using var seal = new NpgsqlCommand("update arsip.mt_events set headers = jsonb_set(headers, '{hash}', to_jsonb($2::text)) where stream_id = $1 and version = $3", connection)
            {
                Parameters = { new() { Value = id }, new() { Value = hash }, new() { Value = e.Version } },
            };
            await seal.ExecuteNonQueryAsync();
        }
    });

    [Fact]
    public async Task A_chain_resealed_by_the_DBA_verifies_alone_but_its_anchor_names_it()
    {
        var unanchored = await LetterWithThreeEventsAsync("INS/RESEAL/0");
        await ResealAsync(unanchored, "update arsip.mt_events set data = jsonb_set(data, '{Reason}', '\"dipalsukan\"') where stream_id = $1 and version = 2");
        // what today's chain alone can say about a re-sealed letter: nothing (this is why anchors exist)
        (await VerifyAsync(unanchored)).Intact.ShouldBeTrue();

        var id = await LetterWithThreeEventsAsync("INS/RESEAL/1");
        await AnchorAsync();
        (await VerifyAsync(id)).ShouldSatisfyAllConditions(v => v.Intact.ShouldBeTrue(), v => v.Anchor!.Version.ShouldBe(3), v => v.Anchor!.SignatureValid.ShouldBeTrue(),
            v => v.Anchor!.Published.ShouldBeTrue(), v => v.Anchor!.Matches.ShouldBeTrue());

        await ResealAsync(id, "update arsip.mt_events set data = jsonb_set(data, '{Reason}', '\"dipalsukan\"') where stream_id = $1 and version = 2");

        var result = await VerifyAsync(id);
        result.Intact.ShouldBeFalse();
        result.StreamId.ShouldBe(id);
        result.FirstBroken!.Version.ShouldBe(3);
        result.FirstBroken.Reason.ShouldContain("re-sealed");
        result.Anchor!.Matches.ShouldBeFalse();
    }

    [Fact]
    public async Task A_backdated_timestamp_is_named_with_its_version()
    {
        var id = await LetterWithThreeEventsAsync("INS/BACKDATE");
        await SqlAsync("update arsip.mt_events set timestamp = timestamp + interval '1 year' where stream_id = $1 and version = 2", id);
        var result = await VerifyAsync(id);
        result.Intact.ShouldBeFalse();
        result.FirstBroken!.Version.ShouldBe(2);
        result.FirstBroken.Reason.ShouldContain("timestamp");

        // and with the header moved along, the link itself no longer matches
        var other = await LetterWithThreeEventsAsync("INS/BACKDATE/2");
        await ResealHeaderOnlyAsync(other);
        (await VerifyAsync(other)).FirstBroken!.Version.ShouldBe(2);
    }

    private Task ResealHeaderOnlyAsync(Guid id) => SqlAsync("""
        update arsip.mt_events set timestamp = timestamp - interval '1 year',
          headers = jsonb_set(headers, '{recordedAt}', to_jsonb(to_char((timestamp - interval '1 year') at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')))
        where stream_id = $1 and version = 2
        """, id);

    [Fact]
    public async Task Events_deleted_after_the_anchor_are_named()
    {
        var id = await LetterWithThreeEventsAsync("INS/CUT");
        await AnchorAsync();
        await SqlAsync("delete from arsip.mt_events where stream_id = $1 and version = 3", id);
        var result = await VerifyAsync(id);
        result.Intact.ShouldBeFalse();
        result.FirstBroken!.Version.ShouldBe(3);
        result.FirstBroken.Reason.ShouldContain("deleted after the anchor");
    }

    [Fact]
    public async Task An_anchor_forged_without_the_installations_key_fails_verification()
    {
        var id = await LetterWithThreeEventsAsync("INS/FORGE");
        var anchor = await AnchorAsync();
        var auditor = await As("auditor");
        // (the anchor may also hold letters other tests here tampered with: only its signature and this letter matter)
        (await auditor.GetFromJsonAsync<AnchorVerification>($"/api/audit/anchors/{anchor.Id}/verify", ArsipApp.Json))!.ShouldSatisfyAllConditions(
            v => v.SignatureValid.ShouldBeTrue(), v => v.Published.ShouldBeTrue(), v => v.Problems.ShouldNotContain(p => p.StreamId == id));
        (await VerifyAsync(id)).Intact.ShouldBeTrue();

        // With the application's own credentials: rewrite the anchor to hold a forged head, recompute its digest
        // and sign it with a key of one's own, naming it as the installation's key or as one's own.
        using var forger = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        string stored;
        await using (var read = new NpgsqlCommand("select data::text from arsip.mt_doc_auditanchor where id = $1", connection) { Parameters = { new() { Value = anchor.Id } } })
            stored = (string)(await read.ExecuteScalarAsync())!;
        var forged = JsonSerializer.Deserialize<AuditAnchor>(stored)!;
        forged.Heads = forged.Heads.Select(h => h.StreamId == id ? h with { Hash = new string('a', 64) } : h).ToList();
        forged.Digest = Anchors.Digest("kota-bekasi", forged);
        forged.Signature = Convert.ToBase64String(forger.SignData(Encoding.ASCII.GetBytes(forged.Digest), HashAlgorithmName.SHA256));
        foreach (var keyId in new[] { forged.KeyId, Convert.ToHexStringLower(SHA256.HashData(forger.ExportSubjectPublicKeyInfo()))[..16] })
        {
            forged.KeyId = keyId;
            await using (var write = new NpgsqlCommand("update arsip.mt_doc_auditanchor set data = $2::jsonb where id = $1", connection)
                         { Parameters = { new() { Value = anchor.Id }, new() { Value = JsonSerializer.Serialize(forged) } } })
                (await write.ExecuteNonQueryAsync()).ShouldBe(1);

            var result = (await auditor.GetFromJsonAsync<AnchorVerification>($"/api/audit/anchors/{anchor.Id}/verify", ArsipApp.Json))!;
            result.SignatureValid.ShouldBeFalse();
            result.Published.ShouldBeFalse(); // the published log still has the real digest
            result.Intact.ShouldBeFalse();
            var letter = await VerifyAsync(id);
            letter.Intact.ShouldBeFalse();
            letter.Anchor!.SignatureValid.ShouldBeFalse();
        }
    }

    [Fact]
    public async Task An_anchor_deleted_from_the_database_is_still_in_the_published_log()
    {
        await LetterWithThreeEventsAsync("INS/GONE");
        var anchor = await AnchorAsync();
        var signer = App.Services.GetRequiredService<AnchorSigner>();
        (await Anchors.VerifyChainAsync(App.Store, "kota-bekasi", signer, CancellationToken.None)).Problems.ShouldBeEmpty();

        await using (var connection = new NpgsqlConnection(App.ConnectionString))
        {
            await connection.OpenAsync();
            await using var delete = new NpgsqlCommand("delete from arsip.mt_doc_auditanchor where id = $1", connection) { Parameters = { new() { Value = anchor.Id } } };
            (await delete.ExecuteNonQueryAsync()).ShouldBe(1);
        }
        var (problems, _) = await Anchors.VerifyChainAsync(App.Store, "kota-bekasi", signer, CancellationToken.None);
        problems.ShouldContain(p => p.Contains(anchor.Id.ToString()) && p.Contains("deleted from the database"));
    }
}

/// <summary>A host whose anchoring schedule runs, anchoring as soon as an agency has a new event.</summary>
public sealed class AnchoringApp : ArsipApp
{
    protected override bool AnchorSchedule => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Arsip:Audit:AnchorEveryEvents", "1");
    }
}

public class AnchorScheduleTests(AnchoringApp app) : IClassFixture<AnchoringApp>
{
    [Fact]
    public async Task Agencies_are_anchored_without_anyone_asking_and_a_letter_reports_the_anchor_holding_it()
    {
        await app.ResetAsync();
        var registrar = await app.SignInAsync("registrar");
        var id = (await (await registrar.PostAsJsonAsync("/api/incoming-letters", RegisteringIncomingLettersTests.Letter("AUTO/1")))
            .Content.ReadFromJsonAsync<RegisterIncomingLetterResponse>(ArsipApp.Json))!.Id;
        var auditor = await app.SignInAsync("auditor");

        ChainVerification? result = null;
        for (var waited = 0; waited < 60 && result?.Anchor is null; waited++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            result = await auditor.GetFromJsonAsync<ChainVerification>($"/api/letters/{id}/verify", ArsipApp.Json);
        }
        result!.Anchor.ShouldNotBeNull("no scheduled anchor within 60 s");
        result.Intact.ShouldBeTrue();
        result.Anchor.SignatureValid.ShouldBeTrue();
        result.Anchor.Published.ShouldBeTrue();
        var anchors = (await auditor.GetFromJsonAsync<AnchorSummary[]>("/api/audit/anchors", ArsipApp.Json))!;
        anchors.ShouldContain(a => a.CreatedBy == "sistem (terjadwal)");
        var signer = app.Services.GetRequiredService<AnchorSigner>();
        File.ReadAllText(signer.LogPath).ShouldContain(anchors[0].Digest);
    }
}
