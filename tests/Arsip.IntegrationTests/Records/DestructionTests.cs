using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Arsip.Attachments;
using Arsip.Audit;
using Arsip.Correspondence;
using Arsip.Dispositions;
using Arsip.Documents;
using Arsip.Infrastructure;
using Arsip.IntegrationTests.Dispositions;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Records;
using Arsip.Search;
using Arsip.Searching;
using Marten;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;
using Files = Arsip.IntegrationTests.Attachments.Samples;

namespace Arsip.IntegrationTests.Records;

/// <summary>
/// Pemusnahan of one berkas's content (RecordDestruction, called here in a session as the disposal's execution calls it):
/// letters with scans, attachments, remarks, a disposition with its note and a follow-up report with a file, an outgoing
/// letter with its body, review comment and issued PDF, all made through the HTTP API.
/// </summary>
public class DestructionTests(ArsipApp app) : DispositionTest(app)
{
    private const string Agency = "kota-bekasi";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var scheme = "code,name,parent,activeRetentionYears,inactiveRetentionYears,finalAction,defaultSecurityLevel,trigger\n800,Kepegawaian,,0,1,Musnah,,\n800.1,Sumber Daya Manusia,800,0,1,Musnah,,\n800.2,Cuti,800,0,1,Musnah,,";
        (await (await As("admin")).PostAsync("/api/classification/import", new StringContent(scheme, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
    }

    /// <summary>Words that exist only in destroyed content, one per place content lives.</summary>
    private sealed record Words(string Remarks, string Attachment, string Note, string FollowUp, string Body, string Comment)
    {
        public static Words New()
        {
            string W(string stem) => stem + Guid.NewGuid().ToString("N")[..8];
            return new(W("catatanrahasia"), W("lampirantelaah"), W("arahanpimpinan"), W("laporantindak"), W("isisurat"), W("parafsetuju"));
        }

        public string[] All => [Remarks, Attachment, Note, FollowUp, Body, Comment];
    }

    private sealed record Seeded(Guid CaseFileId, Guid Incoming, Guid Outgoing, Guid Disposition, string ScanSha, string AttachmentSha, string FollowUpSha, string IssuedPdfSha, string Subject, string LetterNumber);

    private async Task<Seeded> SeedAsync(Words words, byte[]? sharedScan = null)
    {
        var subject = $"Permohonan cuti tahunan {Guid.NewGuid():N}"[..32];
        var today = DateOnly.FromDateTime(App.Clock.GetLocalNow().DateTime).ToString("yyyy-MM-dd");
        var number = $"CUTI/{Guid.NewGuid():N}"[..20];
        var registered = await (await As("registrar")).PostAsJsonAsync("/api/incoming-letters", new
        {
            sender = "Badan Kepegawaian Negara", senderLetterNumber = number, letterDate = today, receivedOn = today, subject,
            classification = "800.2", securityLevel = "Biasa", urgency = "Biasa", remarks = $"Catatan {words.Remarks}", attachments = "1 berkas",
            addresseePositionId = await PositionOf("sekda"),
        });
        registered.StatusCode.ShouldBe(HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        var incoming = (await ReadAsync<RegisterIncomingLetterResponse>(registered)).Id;

        var scan = sharedScan ?? Files.Png();
        var attachment = TestPdfs.Letter($"Telaahan staf tentang {words.Attachment} untuk pimpinan.", subject: "Telaahan");
        var uploaded = await (await As("registrar")).PostAsync($"/api/incoming-letters/{incoming}/attachments",
            Files.Form("attachment", (scan, "pindaian.png", "image/png"), (attachment, "telaahan.pdf", "application/pdf")));
        uploaded.StatusCode.ShouldBe(HttpStatusCode.OK, await uploaded.Content.ReadAsStringAsync());

        var slip = await IssuedAsync(await IssueAsync("sekda", incoming, new
        {
            recipients = new[] { new { positionId = await PositionOf("kabag.umum"), lead = true } },
            instructions = new[] { "TINDAK_LANJUTI" }, note = $"Mohon {words.Note} segera",
        }));
        var minutes = TestPdfs.Letter($"Notula rapat kepegawaian {words.FollowUp}.", subject: "Notula"); // its own bytes: a blob another seed shares is rightly kept
        var form = new MultipartFormDataContent { { new StringContent($"Sudah {words.FollowUp} dilaksanakan"), "text" } };
        var part = new ByteArrayContent(minutes);
        part.Headers.ContentType = new("application/pdf");
        form.Add(part, "files", "notula.pdf");
        (await (await As("kabag.umum")).PostAsync($"/api/dispositions/{slip}/follow-ups/with-files", form)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var chart = await ChartAsync();
        var drafted = await (await As("analis")).PostAsJsonAsync("/api/outgoing-letters", new
        {
            kind = "SuratKeterangan", classification = "800.2", securityLevel = "Biasa", urgency = "Biasa", subject = $"Balasan {subject}",
            body = $"Dengan hormat, {words.Body} kami sampaikan.", attachments = "1 lembar",
            addressees = new[] { new { name = "Badan Kepegawaian Negara" } }, copyTo = Array.Empty<object>(),
            reviewers = new[] { chart.Positions.Single(p => p.Title == "Kepala Bagian Organisasi").Id },
            signatoryPositionId = await PositionOf("sekda"),
        });
        drafted.StatusCode.ShouldBe(HttpStatusCode.Created, await drafted.Content.ReadAsStringAsync());
        var outgoing = (await ReadAsync<DraftOutgoingLetterResponse>(drafted)).Id;
        (await PostAsync("analis", $"/api/outgoing-letters/{outgoing}/submit")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await PostAsync("kabag.or", $"/api/outgoing-letters/{outgoing}/initial", new { comment = $"Setuju {words.Comment}" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var signed = await PostAsync("sekda", $"/api/outgoing-letters/{outgoing}/sign");
        signed.StatusCode.ShouldBe(HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
        var letterNumber = (await ReadAsync<SignOutgoingLetterResponse>(signed)).LetterNumber;

        var created = await PostAsync("admin", "/api/case-files", new { unitId = (await ChartAsync()).Units.Single(u => u.Code == "Umum").Id, classification = "800.2", title = "Cuti pegawai 2026" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var caseFile = (await ReadAsync<CreateCaseFileResponse>(created)).Id;
        var filed = await PostAsync("admin", $"/api/case-files/{caseFile}/letters", new { letterIds = new[] { incoming, outgoing } });
        filed.StatusCode.ShouldBe(HttpStatusCode.NoContent, await filed.Content.ReadAsStringAsync());

        await using var session = App.Store.QuerySession(Agency);
        var view = (await session.LoadAsync<IncomingLetterView>(incoming))!;
        var issued = (await session.LoadAsync<OutgoingLetterView>(outgoing))!.IssuedPdfSha256!;
        var followUpSha = (await session.LoadAsync<Disposition>(slip))!.FollowUps.Single().Files!.Single().Sha256;
        return new(caseFile, incoming, outgoing, slip, Files.Sha256(scan), Files.Sha256(attachment), followUpSha, issued, subject, letterNumber);
    }

    private async Task<IReadOnlyList<DestroyedLetter>> DestroyAsync(Guid caseFileId, string reference = "BA-MUSNAH/1/2026", Guid? disposalId = null)
    {
        await using var session = App.Store.LightweightSession(Agency);
        var file = (await session.LoadAsync<CaseFile>(caseFileId))!;
        var warrant = new DestructionWarrant(disposalId ?? Guid.CreateVersion7(), reference, Guid.Empty, "arsiparis", App.Clock.GetUtcNow());
        var listed = await RecordDestruction.DestroyCaseFileAsync(session, file, warrant, CancellationToken.None);
        await session.SaveChangesAsync();
        return listed;
    }

    private async Task<long> CountAsync(string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values) command.Parameters.Add(new() { Value = value });
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    private async Task<SearchResult> SearchAsync(string user, string q) =>
        (await (await As(user)).GetFromJsonAsync<SearchResult>("/api/search?q=" + Uri.EscapeDataString(q), ArsipApp.Json))!;

    private async Task<SearchResult> EventuallyAsync(string user, string q, int hits)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        SearchResult found;
        while ((found = await SearchAsync(user, q)).TotalHits != hits && DateTime.UtcNow < deadline) await Task.Delay(100);
        return found;
    }

    private static async Task ShouldBeGoneAsync(HttpResponseMessage response, string reference)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Gone, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        body.ShouldContain(reference);
    }

    /// <summary>End to end: the disposal workflow over HTTP drives the real destruction.</summary>
    [Fact]
    public async Task A_disposal_executed_through_the_api_destroys_what_its_berita_acara_lists_and_the_chain_still_verifies()
    {
        var words = Words.New();
        var seeded = await SeedAsync(words);
        var bystander = await SeedAsync(Words.New());
        (await EventuallyAsync("sekda", words.Attachment, 1)).TotalHits.ShouldBe(1, "the scan's words are indexed before the disposal");
        // a disposition still awaiting work blocks the proposal (DisposalTests); the recipient finishes it first
        (await PostAsync("kabag.umum", $"/api/dispositions/{seeded.Disposition}/complete", new { })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        // the berkas was closed long enough ago that its retention (0 + 1 year, musnah) has ended
        await using (var session = App.Store.LightweightSession(Agency))
        {
            var closedOn = DateOnly.FromDateTime(App.Clock.GetLocalNow().DateTime).AddYears(-2);
            session.Events.Append(seeded.CaseFileId, new CaseFileClosed(seeded.CaseFileId, closedOn,
                new FixedRetention(1, "800.2", 0, 1, Arsip.ReferenceData.FinalAction.Musnah, Arsip.ReferenceData.RetentionTrigger.CaseFileClosed), Guid.Empty, "seed", App.Clock.GetUtcNow()));
            await session.SaveChangesAsync();
        }

        var chart = await ChartAsync();
        var committee = new[] { "kabag.umum", "arsiparis", "kasubbag.tu" }.Select(u => chart.People.Single(p => p.UserName == u).Id).ToArray();
        var proposed = await PostAsync("arsiparis", "/api/disposals", new { caseFileIds = new[] { seeded.CaseFileId }, committee });
        proposed.StatusCode.ShouldBe(HttpStatusCode.Created, await proposed.Content.ReadAsStringAsync());
        var disposal = (await ReadAsync<DisposalProposedResponse>(proposed)).Id;
        foreach (var member in new[] { "kabag.umum", "arsiparis", "kasubbag.tu" })
            (await PostAsync(member, $"/api/disposals/{disposal}/assessments", new { assessments = new[] { new { caseFileId = seeded.CaseFileId, verdict = "Agree" } } }))
                .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await PostAsync("walikota", $"/api/disposals/{disposal}/approve", new { })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await PostAsync("arsiparis", $"/api/disposals/{disposal}/execute", new { })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        DisposalDetail detail;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((detail = (await (await As("arsiparis")).GetFromJsonAsync<DisposalDetail>($"/api/disposals/{disposal}", ArsipApp.Json))!).Disposal.Status != DisposalStatus.Completed
               && DateTime.UtcNow < deadline) await Task.Delay(100);
        detail.Disposal.Status.ShouldBe(DisposalStatus.Completed);
        var reference = detail.Disposal.Completion!.Reference;

        // the berita acara lists exactly the destroyed records
        var text = DisposalTests.Text(await (await As("arsiparis")).GetByteArrayAsync($"/api/disposals/{disposal}/berita-acara.pdf"));
        text.ShouldContain(seeded.Subject);
        text.ShouldContain(seeded.LetterNumber);
        text.ShouldNotContain(bystander.Subject);
        // search finds no destroyed word; the letter that was not on the list keeps all of its own
        foreach (var word in words.All) (await EventuallyAsync("sekda", word, 0)).TotalHits.ShouldBe(0, word);
        (await EventuallyAsync("sekda", bystander.Subject.Split(' ')[^1], 2)).TotalHits.ShouldBe(2);
        // downloads answer 410 Gone with the berita acara's reference
        var sekda = await As("sekda");
        await ShouldBeGoneAsync(await sekda.GetAsync($"/api/incoming-letters/{seeded.Incoming}/attachments/{seeded.ScanSha}"), reference);
        await ShouldBeGoneAsync(await sekda.GetAsync($"/api/outgoing-letters/{seeded.Outgoing}/pdf"), reference);
        (await sekda.GetAsync($"/api/incoming-letters/{bystander.Incoming}/attachments/{bystander.ScanSha}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // both pages say what happened and offer nothing that would answer 410
        var outgoingPage = await sekda.GetStringAsync($"/surat-keluar/{seeded.Outgoing}");
        outgoingPage.ShouldContain("data-testid=\"tombstone\"");
        outgoingPage.ShouldContain(reference);
        outgoingPage.ShouldNotContain("handler=Pdf");
        var incomingPage = await sekda.GetStringAsync($"/surat-masuk/{seeded.Incoming}");
        incomingPage.ShouldContain("data-testid=\"tombstone\"");
        incomingPage.ShouldNotContain("routing-slip.pdf");
        // the hash chains of the destroyed letters still verify
        var auditor = await As("auditor");
        foreach (var id in new[] { seeded.Incoming, seeded.Outgoing })
            (await auditor.GetFromJsonAsync<ChainVerification>($"/api/letters/{id}/verify", ArsipApp.Json))!.Intact.ShouldBeTrue(id.ToString());
    }

    [Fact]
    public async Task Destruction_keeps_the_tombstone_and_leaves_no_destroyed_word_in_events_views_search_or_files()
    {
        var words = Words.New();
        var seeded = await SeedAsync(words);
        (await EventuallyAsync("sekda", words.Remarks, 1)).TotalHits.ShouldBe(1, "indexed before the destruction");
        (await EventuallyAsync("sekda", words.Attachment, 1)).TotalHits.ShouldBe(1, "the attachment's text is indexed before the destruction");

        var listed = await DestroyAsync(seeded.CaseFileId, "BA-MUSNAH/7/2026");

        listed.Count.ShouldBe(2);
        listed.Single(l => l.LetterId == seeded.Incoming).ShouldSatisfyAllConditions(
            l => l.Subject.ShouldBe(seeded.Subject), l => l.Correspondent.ShouldBe("Badan Kepegawaian Negara"), l => l.Classification.ShouldBe("800.2"));
        listed.Single(l => l.LetterId == seeded.Outgoing).Number.ShouldBe(seeded.LetterNumber);

        // not one destroyed word is stored in any event or document of the agency
        foreach (var word in words.All)
        {
            (await CountAsync("select count(*) from arsip.mt_events where data::text like $1", $"%{word}%")).ShouldBe(0, word);
            foreach (var table in new[] { "mt_doc_incomingletterview", "mt_doc_outgoingletterview", "mt_doc_disposition", "mt_doc_dispositioninboxrow" })
                (await CountAsync($"select count(*) from arsip.{table} where data::text like $1", $"%{word}%")).ShouldBe(0, $"{word} in {table}");
        }
        // the tombstone keeps what the list shows
        var letter = (await (await As("sekda")).GetFromJsonAsync<IncomingLetterView>($"/api/incoming-letters/{seeded.Incoming}", ArsipApp.Json))!;
        letter.Subject.ShouldBe(seeded.Subject);
        letter.Destroyed!.Reference.ShouldBe("BA-MUSNAH/7/2026");
        letter.Files.ShouldBeEmpty();
        letter.Remarks.ShouldBeNull();
        (await (await As("auditor")).GetStringAsync($"/api/letters/{seeded.Incoming}/history")).ShouldNotContain(words.Remarks);

        // search: destroyed words are gone, the kept subject line still finds the tombstone
        foreach (var word in words.All) (await EventuallyAsync("sekda", word, 0)).TotalHits.ShouldBe(0, word);
        (await EventuallyAsync("sekda", seeded.Subject.Split(' ')[^1], 2)).Hits.Select(h => h.Id).ShouldBe([seeded.Incoming, seeded.Outgoing], ignoreOrder: true);

        // downloads answer 410 with the berita acara's number
        var sekda = await As("sekda");
        await ShouldBeGoneAsync(await sekda.GetAsync($"/api/incoming-letters/{seeded.Incoming}/attachments/{seeded.ScanSha}"), "BA-MUSNAH/7/2026");
        await ShouldBeGoneAsync(await sekda.GetAsync($"/api/incoming-letters/{seeded.Incoming}/routing-slip.pdf"), "BA-MUSNAH/7/2026");
        await ShouldBeGoneAsync(await sekda.GetAsync($"/api/dispositions/{seeded.Disposition}/files/{seeded.FollowUpSha}"), "BA-MUSNAH/7/2026");
        await ShouldBeGoneAsync(await sekda.GetAsync($"/api/outgoing-letters/{seeded.Outgoing}/pdf"), "BA-MUSNAH/7/2026");
        (await (await As("kadinkes")).GetAsync($"/api/incoming-letters/{seeded.Incoming}/attachments/{seeded.ScanSha}")).StatusCode
            .ShouldBe(HttpStatusCode.NotFound, "someone who may not see the letter learns nothing, not even that it was destroyed");

        // the issued PDF is deleted with the transaction; the blobs and their extracted text after it
        await using (var session = App.Store.QuerySession(Agency))
            (await session.LoadAsync<IssuedPdf>(seeded.IssuedPdfSha)).ShouldBeNull();
        await App.Services.GetRequiredService<DestroyedContentSweeper>().SweepAsync(CancellationToken.None);
        var blobs = App.Services.GetRequiredService<IBlobStore>();
        foreach (var sha in new[] { seeded.ScanSha, seeded.AttachmentSha, seeded.FollowUpSha }) (await blobs.ExistsAsync(sha)).ShouldBeFalse(sha);
        (await CountAsync("select count(*) from arsip.mt_doc_pendingblobdeletion")).ShouldBe(0);
        Directory.EnumerateFiles(Path.Combine(App.DataDirectory, "attachment-text"), $"{seeded.AttachmentSha}.*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_chain_still_verifies_after_destruction_and_a_reduced_event_changed_afterwards_is_caught()
    {
        var seeded = await SeedAsync(Words.New());
        await DestroyAsync(seeded.CaseFileId);

        var auditor = await As("auditor");
        foreach (var id in new[] { seeded.Incoming, seeded.Outgoing })
        {
            var verified = (await auditor.GetFromJsonAsync<ChainVerification>($"/api/letters/{id}/verify", ArsipApp.Json))!;
            verified.Intact.ShouldBeTrue(verified.FirstBroken?.Reason);
        }
        var all = await ChainVerifier.VerifyAllAsync(App.Store, Agency, null, CancellationToken.None);
        all.Where(v => !v.Intact).ShouldBeEmpty();
        all.Single(v => v.StreamId == seeded.Disposition).Intact.ShouldBeTrue();

        // the `verify` command agrees
        var command = await Arsip.IntegrationTests.Hosting.CommandsTests.RunAsync("verify", "--agency", Agency, $"--ConnectionStrings:Arsip={App.ConnectionString}");
        command.ExitCode.ShouldBe(0, command.Output);

        // with the seal on, even the owner can only write what the tombstone names: not other data, not another seq_id
        await using (var connection = new NpgsqlConnection(App.OwnerConnectionString))
        {
            await connection.OpenAsync();
            foreach (var sql in new[]
                     {
                         "update arsip.mt_events set data = jsonb_set(data, '{Remarks}', '\"disisipkan kemudian\"') where stream_id = $1 and version = 1",
                         "update arsip.mt_events set seq_id = seq_id + 1000000000 where stream_id = $1 and version = 1",
                         "update arsip.mt_events set data = data, headers = headers || '{\"x\":1}' where stream_id = $1",
                     })
            {
                await using var refused = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = seeded.Incoming } } };
                (await Should.ThrowAsync<PostgresException>(() => refused.ExecuteNonQueryAsync())).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, sql);
            }
            // rewriting exactly what the tombstone names is the one way through (what arsip_reduce_events does)
            await using var same = new NpgsqlCommand("update arsip.mt_events set data = data where stream_id = $1 and version = 1", connection) { Parameters = { new() { Value = seeded.Incoming } } };
            (await same.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        // a DBA rewrites the reduced registration afterwards: named at its version
        await using (var connection = new NpgsqlConnection(App.OwnerConnectionString))
        {
            await connection.OpenAsync();
            await new NpgsqlCommand("alter table arsip.mt_events disable trigger arsip_sealed_events", connection).ExecuteNonQueryAsync();
            try
            {
                await using var tamper = new NpgsqlCommand(
                    "update arsip.mt_events set data = jsonb_set(data, '{Remarks}', '\"disisipkan kemudian\"') where stream_id = $1 and version = 1", connection)
                { Parameters = { new() { Value = seeded.Incoming } } };
                (await tamper.ExecuteNonQueryAsync()).ShouldBe(1);
            }
            finally
            {
                await new NpgsqlCommand("alter table arsip.mt_events enable trigger arsip_sealed_events", connection).ExecuteNonQueryAsync();
            }
        }
        var broken = (await auditor.GetFromJsonAsync<ChainVerification>($"/api/letters/{seeded.Incoming}/verify", ArsipApp.Json))!;
        broken.Intact.ShouldBeFalse();
        broken.FirstBroken!.Version.ShouldBe(1);
        broken.FirstBroken.Reason.ShouldContain("pemusnahan");
    }

    [Fact]
    public async Task The_runtime_role_still_cannot_change_events_and_a_tombstone_cannot_name_what_is_not_sealed()
    {
        var seeded = await SeedAsync(Words.New());
        await DestroyAsync(seeded.CaseFileId);

        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[] { "update arsip.mt_events set data = data where stream_id = $1", "delete from arsip.mt_events where stream_id = $1" })
        {
            await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = seeded.Incoming } } };
            (await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync())).SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
        }
        (await DatabaseRoles.CheckAsync(App.ConnectionString, CancellationToken.None)).TooPowerful.ShouldBeFalse();
        var graph = (Marten.Events.EventGraph)App.Store.Options.Events;
        DatabaseRoles.TombstoneTypes.ShouldBe(new[] { typeof(IncomingLetterContentDestroyed), typeof(OutgoingLetterContentDestroyed), typeof(DispositionContentDestroyed) }
            .Select(t => graph.EventMappingFor(t).EventTypeName));
        ContentDestroyed.EventTypeNames.ShouldBe(DatabaseRoles.TombstoneTypes, ignoreOrder: true);

        // a tombstone naming an event with another link than the one sealed rewrites nothing: the append fails whole
        var other = await LetterToAsync("sekda");
        await using var session = App.Store.LightweightSession(Agency);
        using var data = JsonDocument.Parse("""{"LetterId":"00000000-0000-0000-0000-000000000000"}""");
        session.Events.Append(other, new IncomingLetterContentDestroyed(other, Guid.Empty, "PALSU", Guid.Empty, "x", App.Clock.GetUtcNow(),
            [new ReducedEvent(1, "incoming_letter_registered", "", "", new string('0', 64), data.RootElement.Clone())], [], []));
        (await Should.ThrowAsync<Exception>(() => session.SaveChangesAsync())).ToString().ShouldContain("42501");
        (await CountAsync("select count(*) from arsip.mt_events where stream_id = $1 and data::text like '%PALSU%'", other)).ShouldBe(0);
    }

    [Fact]
    public async Task Destroying_twice_changes_nothing_more_and_a_rebuild_from_the_reduced_events_keeps_the_tombstone()
    {
        var seeded = await SeedAsync(Words.New());
        var first = await DestroyAsync(seeded.CaseFileId, "BA-MUSNAH/9/2026");
        var events = await CountAsync("select count(*) from arsip.mt_events");

        var second = await DestroyAsync(seeded.CaseFileId, "BA-MUSNAH/10/2026");

        second.ShouldBe(first);
        (await CountAsync("select count(*) from arsip.mt_events")).ShouldBe(events);
        await using var session = App.Store.QuerySession(Agency);
        var stored = (await session.LoadAsync<IncomingLetterView>(seeded.Incoming))!;
        stored.Destroyed!.Reference.ShouldBe("BA-MUSNAH/9/2026");

        // folded again from the stored (reduced) events with the same projection: the same view
        var rebuilt = (await session.Events.AggregateStreamAsync<IncomingLetterView>(seeded.Incoming))!;
        JsonSerializer.Serialize(rebuilt).ShouldBe(JsonSerializer.Serialize(stored));
        var rebuiltOutgoing = (await session.Events.AggregateStreamAsync<OutgoingLetterView>(seeded.Outgoing))!;
        JsonSerializer.Serialize(rebuiltOutgoing).ShouldBe(JsonSerializer.Serialize((await session.LoadAsync<OutgoingLetterView>(seeded.Outgoing))!));
        var rebuiltSlip = (await session.Events.AggregateStreamAsync<Disposition>(seeded.Disposition))!;
        JsonSerializer.Serialize(rebuiltSlip).ShouldBe(JsonSerializer.Serialize((await session.LoadAsync<Disposition>(seeded.Disposition))!));
        rebuiltSlip.Note.ShouldBeNull();
        rebuiltSlip.FollowUps.Single().Text.ShouldBeEmpty();

        // the as-of view of the letter shows the tombstone too
        var asOf = await (await As("sekda")).GetStringAsync($"/api/letters/{seeded.Incoming}?asOf={Uri.EscapeDataString(App.Clock.GetUtcNow().AddMinutes(1).ToString("O"))}");
        asOf.ShouldContain("BA-MUSNAH/9/2026");
    }

    [Fact]
    public async Task A_blob_a_surviving_letter_uses_too_is_kept()
    {
        var scan = Files.Png();
        var seeded = await SeedAsync(Words.New(), sharedScan: scan);
        var survivor = await LetterToAsync("sekda");
        (await (await As("registrar")).PostAsync($"/api/incoming-letters/{survivor}/attachments", Files.Form("scan", (scan, "sama.png", "image/png"))))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        await DestroyAsync(seeded.CaseFileId);
        await App.Services.GetRequiredService<DestroyedContentSweeper>().SweepAsync(CancellationToken.None);

        var blobs = App.Services.GetRequiredService<IBlobStore>();
        (await blobs.ExistsAsync(seeded.ScanSha)).ShouldBeTrue("the surviving letter still has these bytes");
        (await blobs.ExistsAsync(seeded.AttachmentSha)).ShouldBeFalse();
        (await (await As("registrar")).GetByteArrayAsync($"/api/incoming-letters/{survivor}/attachments/{seeded.ScanSha}")).ShouldBe(scan);
    }
}
