using Arsip.Attachments;
using Files = Arsip.IntegrationTests.Attachments.Samples;
using System.Net;
using System.Net.Http.Json;
using Arsip.Correspondence;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Organization;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Arsip.IntegrationTests.Correspondence;

public class OutgoingLettersTests(ArsipApp app) : ArsipTest(app)
{
    private OrganizationChart _chart = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await LoadChartAsync();
    }

    private async Task LoadChartAsync() =>
        _chart = (await (await As("admin")).GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;

    /// <summary>
    /// For a test that expects number 1 of a kind's counter that other tests here also sign (surat dinas, surat keterangan).
    /// The other tests counting from 1 each sign a kind no other test here signs.
    /// </summary>
    private async Task FromFreshDataAsync()
    {
        await StartFromFreshDataAsync();
        await LoadChartAsync();
    }

    private Guid Position(string title) => _chart.Positions.Single(p => p.Title == title).Id;

    private object Draft(string subject = "Undangan Rapat Koordinasi Penataan Kearsipan", string kind = "SuratDinas",
        Guid[]? reviewers = null, string securityLevel = "Biasa", object[]? addressees = null, object[]? copyTo = null, string signatory = "Sekretaris Daerah") => new
    {
        kind, classification = "000.5", securityLevel, urgency = "Segera", subject,
        body = "Dalam rangka penataan kearsipan, dengan hormat kami mengundang Saudara untuk hadir pada rapat koordinasi.",
        attachments = "1 lembar",
        addressees = addressees ?? [new { name = "Kepala Dinas Kesehatan", positionId = Position("Kepala Dinas Kesehatan") }],
        copyTo = copyTo ?? [],
        reviewers = reviewers ?? [Position("Kepala Bagian Organisasi")],
        signatoryPositionId = Position(signatory),
        structure = StructureOf(kind),
    };

    /// <summary>What each kind needs beside its body (Correspondence/LetterStructure.cs).</summary>
    private static object? StructureOf(string kind) => kind switch
    {
        "SuratPerintah" or "SuratTugas" => new
        {
            people = new[] { new { name = "BUDI SANTOSO, S.K.M.", nip = "19840621 201001 1 012", rank = "Penata (III/c)", position = "Analis Kearsipan" } },
            purposes = new[] { "menata arsip inaktif Sekretariat Daerah." },
        },
        "SuratUndangan" => new { @event = new { date = "2026-12-15", time = "09.00 WIB s.d. selesai", place = "Ruang Rapat Wali Kota" } },
        _ => null,
    };

    private async Task<Guid> DraftAsync(object draft, string drafter = "analis")
    {
        var response = await (await As(drafter)).PostAsJsonAsync("/api/outgoing-letters", draft);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await ReadAsync<DraftOutgoingLetterResponse>(response)).Id;
    }

    private async Task<HttpResponseMessage> PostAsync(string user, string url, object? body = null) =>
        await (await As(user)).PostAsJsonAsync(url, body ?? new { });

    private async Task<OutgoingLetterView> ViewAsync(Guid id, string user = "analis") =>
        (await (await As(user)).GetFromJsonAsync<OutgoingLetterView>($"/api/outgoing-letters/{id}", ArsipApp.Json))!;

    [Fact]
    public async Task Drafted_reviewed_signed_numbered_and_dispatched_inside_outside_and_to_another_agency()
    {
        await FromFreshDataAsync();
        var id = await DraftAsync(Draft(
            addressees: [new { name = "Kepala Dinas Kesehatan", positionId = Position("Kepala Dinas Kesehatan") }, new { name = "Sekretaris Daerah", agency = "kab-bekasi" }],
            copyTo: [new { name = "Gubernur Jawa Barat", address = "Jl. Diponegoro No. 22, Bandung" }]));
        (await PostAsync("analis", $"/api/outgoing-letters/{id}/submit")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ViewAsync(id)).Status.ShouldBe(OutgoingStatus.InReview);

        (await PostAsync("kabag.or", $"/api/outgoing-letters/{id}/initial", new { comment = "Setuju" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var signed = await PostAsync("sekda", $"/api/outgoing-letters/{id}/sign");
        signed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var number = (await ReadAsync<SignOutgoingLetterResponse>(signed)).LetterNumber;
        number.ShouldBe("000.5/1/Setda/2026", "numbered by the signing office: the Sekda signs for the Setda");

        // The reviewer sees the letter but does not send it: the secretariat, drafter or signatory does.
        (await PostAsync("kabag.or", $"/api/outgoing-letters/{id}/dispatch", new { method = "kurir" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var dispatched = await PostAsync("analis", $"/api/outgoing-letters/{id}/dispatch", new { method = "kurir" });
        dispatched.StatusCode.ShouldBe(HttpStatusCode.OK, await dispatched.Content.ReadAsStringAsync());
        var view = await ViewAsync(id);
        view.Status.ShouldBe(OutgoingStatus.Dispatched);
        view.Reviews.Single().Reviewer.ShouldBe("Dewi Kartika, S.Sos., M.AP.");
        view.Deliveries.Select(d => d.Method).ShouldBe(["internal", "sistem", "kurir"], ignoreOrder: true);

        // Inside the agency: straight into the addressee's inbox as an incoming letter.
        var inside = view.Deliveries.Single(d => d.Method == "internal").IncomingLetterId!.Value;
        var received = await (await As("kadinkes")).GetFromJsonAsync<IncomingLetterView>($"/api/incoming-letters/{inside}", ArsipApp.Json);
        received!.SenderLetterNumber.ShouldBe(number);

        // Another agency: registered there through the durable queue, and the receipt comes back.
        var receipt = await EventuallyAsync(async () => (await ViewAsync(id)).Receipts.SingleOrDefault());
        receipt.Agency.ShouldBe("kab-bekasi");
        var there = await (await As("sekda", "kab-bekasi")).GetFromJsonAsync<IncomingLetterPage>("/api/incoming-letters", ArsipApp.Json);
        var arrived = there!.Items.Single(l => l.SenderLetterNumber == number);
        arrived.AgendaNumber.ShouldBe(receipt.AgendaNumber);
        arrived.Sender.ShouldContain("kota-bekasi");
        // and in the agenda book of the registry that serves the Sekretariat Daerah, as a letter brought by hand would be
        var registry = await (await As("registrar", "kab-bekasi")).GetFromJsonAsync<IncomingLetterPage>("/api/incoming-letters", ArsipApp.Json);
        registry!.Items.ShouldContain(l => l.Id == arrived.Id);
    }

    [Fact]
    public async Task A_letter_to_another_agency_arrives_with_its_signed_pdf_as_the_scan_and_its_attachments_byte_identical_and_searchable()
    {
        var draft = System.Text.Json.JsonSerializer.SerializeToNode(Draft(subject: "Undangan Rapat Penataan Arsip Antarinstansi", reviewers: [],
            addressees: [new { name = "Sekretaris Daerah", agency = "kab-bekasi" }]), ArsipApp.Json)!.AsObject();
        draft["body"] = "Bersama ini kami sampaikan jadwal penyusutan arsip di gudang Kalimalang untuk dibahas bersama.";
        var id = await DraftAsync(draft);
        var lampiran = Files.Png();
        (await (await As("analis")).PostAsync($"/api/outgoing-letters/{id}/attachments", Files.Form("attachment", (lampiran, "denah-gudang.png", "image/png"))))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync("analis", $"/api/outgoing-letters/{id}/submit")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var signed = await PostAsync("sekda", $"/api/outgoing-letters/{id}/sign");
        signed.StatusCode.ShouldBe(HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
        var number = (await ReadAsync<SignOutgoingLetterResponse>(signed)).LetterNumber;
        var pdf = await (await As("analis")).GetByteArrayAsync($"/api/outgoing-letters/{id}/pdf");
        (await PostAsync("analis", $"/api/outgoing-letters/{id}/dispatch")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await EventuallyAsync(async () => (await ViewAsync(id)).Receipts.SingleOrDefault());
        var sekdaThere = await As("sekda", "kab-bekasi");
        var listed = (await sekdaThere.GetFromJsonAsync<IncomingLetterPage>("/api/incoming-letters", ArsipApp.Json))!.Items.Single(l => l.SenderLetterNumber == number);
        var arrived = (await sekdaThere.GetFromJsonAsync<IncomingLetterView>($"/api/incoming-letters/{listed.Id}", ArsipApp.Json))!;
        var scan = arrived.Files.Single(f => f.Kind == AttachmentKind.Scan);
        scan.Sha256.ShouldBe(Files.Sha256(pdf));
        scan.ContentType.ShouldBe("application/pdf");
        scan.Length.ShouldBe(pdf.LongLength);
        (await sekdaThere.GetByteArrayAsync($"/api/incoming-letters/{arrived.Id}/attachments/{scan.Sha256}")).ShouldBe(pdf);
        var attachment = arrived.Files.Single(f => f.Kind == AttachmentKind.Attachment);
        (attachment.FileName, attachment.Sha256).ShouldBe(("denah-gudang.png", Files.Sha256(lampiran)));
        (await sekdaThere.GetByteArrayAsync($"/api/incoming-letters/{arrived.Id}/attachments/{attachment.Sha256}")).ShouldBe(lampiran);

        // A word only the letter's body (so only its PDF) has: the receiver's search reads the scan.
        var found = await EventuallyAsync(async () =>
            (await sekdaThere.GetFromJsonAsync<Arsip.Search.SearchResult>("/api/search?q=kalimalang", ArsipApp.Json))!.Hits.SingleOrDefault(h => h.Id == arrived.Id));
        found.ShouldNotBeNull();
    }

    [Fact]
    public async Task Reviews_run_in_order_and_a_returned_draft_is_revised_as_a_new_version()
    {
        var id = await DraftAsync(Draft(reviewers: [Position("Kepala Bagian Organisasi"), Position("Kepala Bagian Umum")]));
        (await PostAsync("kabag.or", $"/api/outgoing-letters/{id}/initial")).StatusCode.ShouldBe(HttpStatusCode.Conflict); // not submitted yet
        (await PostAsync("analis", $"/api/outgoing-letters/{id}/submit")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await PostAsync("kabag.umum", $"/api/outgoing-letters/{id}/initial")).StatusCode.ShouldBe(HttpStatusCode.Forbidden); // not their turn
        (await PostAsync("sekda", $"/api/outgoing-letters/{id}/sign")).StatusCode.ShouldBe(HttpStatusCode.Conflict);   // review not complete
        (await (await As("analis")).PutAsJsonAsync($"/api/outgoing-letters/{id}", new { draft = Draft(subject: "Diubah") })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        (await PostAsync("kabag.or", $"/api/outgoing-letters/{id}/initial")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await PostAsync("kabag.umum", $"/api/outgoing-letters/{id}/return", new { comments = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PostAsync("kabag.umum", $"/api/outgoing-letters/{id}/return", new { comments = "Perbaiki jadwal rapat" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var revised = await (await As("analis")).PutAsJsonAsync($"/api/outgoing-letters/{id}", new { draft = Draft(subject: "Undangan Rapat (jadwal baru)", reviewers: [Position("Kepala Bagian Organisasi"), Position("Kepala Bagian Umum")]), note = "Jadwal diperbaiki" });
        revised.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var view = await ViewAsync(id);
        view.DraftVersion.ShouldBe(2);
        view.Status.ShouldBe(OutgoingStatus.Draft);
        view.ReturnNotes.Single().Comments.ShouldBe("Perbaiki jadwal rapat");
        view.Reviews.ShouldAllBe(r => r.InitialedAt == null);

        (await PostAsync("analis", $"/api/outgoing-letters/{id}/submit")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await PostAsync("kabag.or", $"/api/outgoing-letters/{id}/initial")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await PostAsync("kabag.umum", $"/api/outgoing-letters/{id}/initial")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await PostAsync("kabag.or", $"/api/outgoing-letters/{id}/sign")).StatusCode.ShouldBe(HttpStatusCode.Forbidden); // not the signatory
        (await PostAsync("sekda", $"/api/outgoing-letters/{id}/sign")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync("sekda", $"/api/outgoing-letters/{id}/sign")).StatusCode.ShouldBe(HttpStatusCode.Conflict);   // once only
    }

    [Fact]
    public async Task Refuses_bad_drafts_strangers_and_steps_out_of_order()
    {
        (await PostAsync("analis", "/api/outgoing-letters", new { kind = "SuratDinas" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var unknown = await PostAsync("analis", "/api/outgoing-letters", Draft(reviewers: [Guid.NewGuid()]));
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var id = await DraftAsync(Draft(securityLevel: "Rahasia"));
        (await (await As("kadinkes")).GetAsync($"/api/outgoing-letters/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostAsync("auditor", $"/api/outgoing-letters/{id}/submit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostAsync("analis", $"/api/outgoing-letters/{id}/dispatch")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await PostAsync("analis", $"/api/outgoing-letters/{Guid.NewGuid()}/submit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_cancelled_letter_keeps_its_number_marked_cancelled_and_the_next_letter_does_not_reuse_it()
    {
        var first = await DraftAsync(Draft(kind: "NotaDinas", reviewers: []));
        (await PostAsync("analis", $"/api/outgoing-letters/{first}/submit")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var number = (await ReadAsync<SignOutgoingLetterResponse>(await PostAsync("sekda", $"/api/outgoing-letters/{first}/sign"))).LetterNumber;
        (await PostAsync("analis", $"/api/outgoing-letters/{first}/cancel", new { reason = "Acara dibatalkan" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var cancelled = await ViewAsync(first);
        cancelled.Status.ShouldBe(OutgoingStatus.Cancelled);
        cancelled.LetterNumber.ShouldBe(number);

        var second = await DraftAsync(Draft(kind: "NotaDinas", reviewers: []));
        (await PostAsync("analis", $"/api/outgoing-letters/{second}/submit")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var next = (await ReadAsync<SignOutgoingLetterResponse>(await PostAsync("sekda", $"/api/outgoing-letters/{second}/sign"))).LetterNumber;
        next.ShouldBe(number.Replace("/1/", "/2/"));
    }

    [Fact]
    public async Task The_number_takes_the_signing_units_code_not_the_drafters()
    {
        // All drafted in Bagian Organisasi; Surat Perintah counts per unit here, so each signing unit has its own sequence.
        (await (await As("admin")).PutAsJsonAsync("/api/letter-number-templates/surat-perintah",
            new { template = "{classification}/{sequence}/SPT/{unit}/{year}", sequenceScope = "Unit" })).EnsureSuccessStatusCode();
        async Task<(Guid Id, string Number)> SignAsync(string signatory, string signer)
        {
            var id = await DraftAsync(Draft(kind: "SuratPerintah", reviewers: [], signatory: signatory));
            (await PostAsync("analis", $"/api/outgoing-letters/{id}/submit")).EnsureSuccessStatusCode();
            var signed = await PostAsync(signer, $"/api/outgoing-letters/{id}/sign");
            signed.StatusCode.ShouldBe(HttpStatusCode.OK, await signed.Content.ReadAsStringAsync());
            return (id, (await ReadAsync<SignOutgoingLetterResponse>(signed)).LetterNumber);
        }
        async Task<string> KopAsync(Guid id)
        {
            using var pdf = UglyToad.PdfPig.PdfDocument.Open(await (await As("analis")).GetByteArrayAsync($"/api/outgoing-letters/{id}/pdf"));
            return string.Join(" ", pdf.GetPage(1).GetWords().Select(w => w.Text));
        }

        var bySekda = await SignAsync("Sekretaris Daerah", "sekda");
        bySekda.Number.ShouldBe("000.5/1/SPT/Setda/2026", "drafted in Bagian Organisasi, signed by the Sekda: the Setda's number");
        var kop = await KopAsync(bySekda.Id);
        kop.ShouldContain("SEKRETARIAT DAERAH", Case.Sensitive, "and the Setda's letterhead");
        kop.ShouldNotContain("BAGIAN ORGANISASI");
        var byKabag = await SignAsync("Kepala Bagian Organisasi", "kabag.or");
        byKabag.Number.ShouldBe("000.5/1/SPT/OR/2026", "signed by the Kabag Organisasi: the unit's own code and sequence");
        (await KopAsync(byKabag.Id)).ShouldContain("BAGIAN ORGANISASI");
        (await SignAsync("Sekretaris Daerah", "sekda")).Number.ShouldBe("000.5/2/SPT/Setda/2026");
    }

    [Fact]
    public async Task Numbers_follow_the_agencys_template_for_the_kind_of_letter()
    {
        (await (await As("admin")).PutAsJsonAsync("/api/letter-number-templates/surat-undangan",
            new { template = "{securityPrefix}-{sequence}/{unit}/{romanMonth}/{year}", sequenceScope = "Unit" })).EnsureSuccessStatusCode();
        var id = await DraftAsync(Draft(kind: "SuratUndangan", reviewers: []));
        (await PostAsync("analis", $"/api/outgoing-letters/{id}/submit")).EnsureSuccessStatusCode();

        var signed = await ReadAsync<SignOutgoingLetterResponse>(await PostAsync("sekda", $"/api/outgoing-letters/{id}/sign"));

        signed.LetterNumber.ShouldBe("B-1/Setda/XI/2026");
    }

    [Fact]
    public async Task A_letter_sent_by_hand_records_the_day_it_went_out_never_in_the_future()
    {
        var id = await DraftAsync(Draft(kind: "SuratKeterangan", reviewers: [],
            addressees: [new { name = "Kepala Arsip Nasional RI", address = "Jl. Ampera Raya No. 7, Jakarta" }]));
        (await PostAsync("analis", $"/api/outgoing-letters/{id}/submit")).EnsureSuccessStatusCode();
        (await PostAsync("sekda", $"/api/outgoing-letters/{id}/sign")).EnsureSuccessStatusCode();

        // Dates from the shared test clock, which other test classes move forward.
        var letterDate = (await ViewAsync(id)).LetterDate!.Value;
        var today = new Arsip.Kernel.ArsipClock(App.Clock).Today;
        var future = await PostAsync("analis", $"/api/outgoing-letters/{id}/dispatch", new { method = "langsung", sentOn = today.AddDays(1) });
        future.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await future.Content.ReadAsStringAsync()).ShouldContain("sentOn");
        (await PostAsync("analis", $"/api/outgoing-letters/{id}/dispatch", new { method = "langsung", sentOn = letterDate.AddDays(-1) }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest, "before the letter date");
        (await ViewAsync(id)).Status.ShouldBe(OutgoingStatus.Signed, "a refused dispatch records nothing");

        (await PostAsync("analis", $"/api/outgoing-letters/{id}/dispatch", new { method = "langsung", sentOn = letterDate })).EnsureSuccessStatusCode();
        var delivery = (await ViewAsync(id)).Deliveries.Single();
        (delivery.Method, delivery.SentOn).ShouldBe(("langsung", letterDate));
    }

    [Fact]
    public async Task The_outgoing_agenda_book_dates_a_letter_by_the_day_it_went_out_not_when_the_dispatch_was_recorded()
    {
        // Dates from the shared test clock, which other test classes move forward.
        var today = new Arsip.Kernel.ArsipClock(App.Clock).Today;
        var letterDate = today.AddDays(-5);
        var sentOn = today.AddDays(-3);
        async Task<(Guid Id, string Number)> ReserveAsync(string subject, object[] addressees, object[] copyTo)
        {
            var reserved = await PostAsync("registrar", "/api/outgoing-letters/reservations",
                new { letter = Draft(subject: subject, kind: "SuratKeterangan", reviewers: [], addressees: addressees, copyTo: copyTo), letterDate });
            reserved.StatusCode.ShouldBe(HttpStatusCode.Created, await reserved.Content.ReadAsStringAsync());
            var signed = await ReadAsync<SignOutgoingLetterResponse>(reserved);
            return (signed.Id, signed.LetterNumber);
        }

        // Taken by hand three days ago (the copy inside the agency went today): the earliest day counts.
        var byHand = await ReserveAsync("Penyerahan Arsip Statis Tahun 2020",
            [new { name = "Kepala Arsip Nasional RI", address = "Jl. Ampera Raya No. 7, Jakarta" }],
            [new { name = "Kepala Dinas Kesehatan", positionId = Position("Kepala Dinas Kesehatan") }]);
        (await PostAsync("registrar", $"/api/outgoing-letters/{byHand.Id}/dispatch", new { method = "langsung", sentOn }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        // Only inside the agency: it goes out the day it is dispatched, whatever the letter date.
        var inside = await ReserveAsync("Pemberitahuan Jadwal Retensi Arsip",
            [new { name = "Kepala Dinas Kesehatan", positionId = Position("Kepala Dinas Kesehatan") }], []);
        (await PostAsync("registrar", $"/api/outgoing-letters/{inside.Id}/dispatch", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var registrar = await As("registrar");
        var list = (await registrar.GetFromJsonAsync<OutgoingLetterPage>("/api/outgoing-letters?status=Dispatched&pageSize=200", ArsipApp.Json))!;
        list.Items.Single(l => l.Id == byHand.Id).SentOn.ShouldBe(sentOn);
        list.Items.Single(l => l.Id == inside.Id).SentOn.ShouldBe(today);
        (await ViewAsync(byHand.Id, "registrar")).Deliveries.Single(d => d.Method == "internal").SentOn.ShouldBe(today);

        var csv = await registrar.GetStringAsync($"/api/agenda-books/outgoing.csv?from={letterDate:yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        string[] Row(string number) => csv.Split("\r\n").Select(line => line.Split(',')).Single(fields => fields.Length > 3 && fields[1] == number);
        Row(byHand.Number)[2..4].ShouldBe([Arsip.Pdf.IndonesianDate.Format(letterDate), Arsip.Pdf.IndonesianDate.Format(sentOn)]);
        Row(inside.Number)[2..4].ShouldBe([Arsip.Pdf.IndonesianDate.Format(letterDate), Arsip.Pdf.IndonesianDate.Format(today)]);
        Row(byHand.Number)[4].ShouldBe("Surat Keterangan", "the agenda book names each letter's kind (jenis)");

        // The list page shows the same day in its own column.
        var page = await registrar.GetStringAsync("/surat-keluar?status=Dispatched");
        var row = System.Text.RegularExpressions.Regex.Match(page, $@"<tr>(?:(?!</tr>).)*{byHand.Id}(?:(?!</tr>).)*</tr>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        row.ShouldContain($">{sentOn:dd-MM-yyyy}<");
        // The letter's own page says the day it went out, and when the dispatch was recorded.
        var detail = await registrar.GetStringAsync($"/surat-keluar/{byHand.Id}");
        detail.ShouldContain($"Selesai: dikirim {sentOn:dd-MM-yyyy} (dicatat {today:dd-MM-yyyy} ");
    }

    [Fact]
    public async Task A_registrar_reserves_numbers_for_paper_letters_and_sequences_restart_each_year()
    {
        await FromFreshDataAsync();
        var draft = Draft(kind: "SuratKeterangan", reviewers: []);
        var lastYear = await PostAsync("registrar", "/api/outgoing-letters/reservations", new { letter = draft, letterDate = "2025-12-30" });
        lastYear.StatusCode.ShouldBe(HttpStatusCode.Created, await lastYear.Content.ReadAsStringAsync());
        (await ReadAsync<SignOutgoingLetterResponse>(lastYear)).LetterNumber.ShouldBe("000.5/1/Setda/2025");
        var thisYear = await ReadAsync<SignOutgoingLetterResponse>(await PostAsync("registrar", "/api/outgoing-letters/reservations", new { letter = draft }));
        thisYear.LetterNumber.ShouldBe("000.5/1/Setda/2026");
        (await ViewAsync(thisYear.Id, "registrar")).SignedOnPaper.ShouldBeTrue();
        (await PostAsync("analis", "/api/outgoing-letters/reservations", new { letter = draft })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_reserved_paper_letter_gets_its_scan_and_a_draft_its_attachments_only_while_a_draft()
    {
        var reserved = await ReadAsync<SignOutgoingLetterResponse>(await PostAsync("registrar", "/api/outgoing-letters/reservations", new { letter = Draft(kind: "SuratKeterangan", reviewers: []) }));
        var registrar = await As("registrar");
        var scan = Files.Pdf();
        var uploaded = await registrar.PostAsync($"/api/outgoing-letters/{reserved.Id}/attachments", Files.Form("scan", (scan, "surat-bertanda-tangan.pdf", "application/pdf")));
        uploaded.StatusCode.ShouldBe(HttpStatusCode.OK, await uploaded.Content.ReadAsStringAsync());
        var files = (await ViewAsync(reserved.Id, "registrar")).Files;
        files.Single().Sha256.ShouldBe(Files.Sha256(scan));
        files.Single().Kind.ShouldBe(AttachmentKind.Scan);
        (await registrar.GetByteArrayAsync($"/api/outgoing-letters/{reserved.Id}/attachments/{Files.Sha256(scan)}")).ShouldBe(scan);
        var again = await ReadAsync<AddAttachmentsResponse>(await registrar.PostAsync($"/api/outgoing-letters/{reserved.Id}/attachments", Files.Form("scan", (scan, "lagi.pdf", "application/pdf"))));
        again.Added.ShouldBeEmpty();
        again.AlreadyThere.Single().Sha256.ShouldBe(Files.Sha256(scan));
        // A numbered letter's content is fixed: no new lampiran.
        (await registrar.PostAsync($"/api/outgoing-letters/{reserved.Id}/attachments", Files.Form("attachment", (Files.Pdf(), "lampiran.pdf", "application/pdf"))))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var draft = await DraftAsync(Draft(reviewers: []));
        var analis = await As("analis");
        (await analis.PostAsync($"/api/outgoing-letters/{draft}/attachments", Files.Form("scan", (Files.Pdf(), "pindai.pdf", "application/pdf"))))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var lampiran = Files.Png();
        (await analis.PostAsync($"/api/outgoing-letters/{draft}/attachments", Files.Form("attachment", (lampiran, "denah.png", "image/png"))))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ViewAsync(draft)).Files.Single().FileName.ShouldBe("denah.png");
        (await (await As("kadinkes")).PostAsync($"/api/outgoing-letters/{draft}/attachments", Files.Form("attachment", (Files.Png(), "x.png", "image/png"))))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostAsync("analis", $"/api/outgoing-letters/{draft}/submit")).EnsureSuccessStatusCode();
        (await analis.PostAsync($"/api/outgoing-letters/{draft}/attachments", Files.Form("attachment", (Files.Png(), "telat.png", "image/png"))))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Two_hundred_concurrent_signings_get_numbers_1_to_200_with_no_gap_and_no_duplicate()
    {
        const int count = 200;
        var ids = new List<Guid>();
        foreach (var _ in Enumerable.Range(0, count))
        {
            var id = await DraftAsync(Draft(kind: "SuratTugas", reviewers: []));
            (await PostAsync("analis", $"/api/outgoing-letters/{id}/submit")).EnsureSuccessStatusCode();
            ids.Add(id);
        }

        var sekda = await As("sekda");
        var responses = await Task.WhenAll(ids.Select(id => sekda.PostAsJsonAsync($"/api/outgoing-letters/{id}/sign", new { })));

        var refused = responses.Where(r => r.StatusCode != HttpStatusCode.OK).ToList();
        refused.ShouldBeEmpty(string.Join("\n", await Task.WhenAll(refused.Take(3).Select(r => r.Content.ReadAsStringAsync()))));
        var sequences = (await Task.WhenAll(ids.Select(id => ViewAsync(id)))).Select(v => v.Sequence!.Value).Order().ToList();
        sequences.ShouldBe(Enumerable.Range(1, count).ToList());
    }

    [Fact]
    public async Task A_delivery_registered_once_however_often_it_arrives()
    {
        var delivery = new DeliverLetter(Guid.NewGuid(), "kota-tangerang", Guid.NewGuid(), "Diskominfo (kota-tangerang)", "500.12/77/Diskominfo/2026",
            new DateOnly(2026, 11, 20), "Permohonan Narasumber", "500.12", Arsip.Kernel.SecurityLevel.Biasa, Urgency.Biasa, null, "Sekretaris Daerah", false);
        using var scope = App.Services.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();

        await bus.InvokeForTenantAsync("kota-bekasi", delivery);
        await bus.InvokeForTenantAsync("kota-bekasi", delivery); // the redelivery after a crash

        var page = await (await As("sekda")).GetFromJsonAsync<IncomingLetterPage>("/api/incoming-letters?q=Narasumber", ArsipApp.Json);
        page!.Total.ShouldBe(1);
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await probe() is { } value) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Nothing arrived within 30 s.");
            await Task.Delay(200);
        }
    }
}
