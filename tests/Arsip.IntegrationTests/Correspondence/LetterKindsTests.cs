using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Arsip.Correspondence;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Organization;
using Marten;

namespace Arsip.IntegrationTests.Correspondence;

/// <summary>Each kind's structure through the API: refused per kind with the field and nothing written, people taken from the organization, the draft's PDF in the kind's layout.</summary>
public class LetterKindsTests(ArsipApp app) : ArsipTest(app)
{
    private OrganizationChart _chart = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _chart = (await (await As("admin")).GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
    }

    private Guid Position(string title) => _chart.Positions.Single(p => p.Title == title).Id;
    private PersonSummary Person(string userName) => _chart.People.Single(p => p.UserName == userName);

    private object Draft(string kind, string subject, object? structure, string body = "") => new
    {
        kind, classification = "000.5", securityLevel = "Biasa", urgency = "Biasa", subject, body,
        addressees = new[] { new { name = "Kepala Dinas Kesehatan", positionId = Position("Kepala Dinas Kesehatan") } },
        copyTo = Array.Empty<object>(), reviewers = Array.Empty<Guid>(), signatoryPositionId = Position("Sekretaris Daerah"), structure,
    };

    private async Task<int> LettersAboutAsync(string subject)
    {
        await using var session = App.Store.QuerySession("kota-bekasi");
        return (await session.Query<OutgoingLetterView>().Where(l => l.Content.Subject == subject).Select(l => l.Id).ToListAsync()).Count;
    }

    private async Task<Dictionary<string, string[]>> RefusedAsync(object draft, string subject)
    {
        var response = await (await As("analis")).PostAsJsonAsync("/api/outgoing-letters", draft);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        (await LettersAboutAsync(subject)).ShouldBe(0, "a refused draft writes nothing");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    [Fact]
    public async Task A_keputusan_without_diktum_is_refused_with_the_field_and_nothing_saved()
    {
        const string subject = "Keputusan tanpa diktum";
        var errors = await RefusedAsync(Draft("SuratKeputusan", subject, new
        {
            considerations = new[] { "bahwa perlu dibentuk tim;" }, legalBases = new[] { "Undang-Undang Nomor 43 Tahun 2009 tentang Kearsipan;" },
        }), subject);
        errors.Keys.ShouldBe(["structure.diktums"]);
    }

    [Fact]
    public async Task A_surat_tugas_without_people_or_with_a_person_without_nip_is_refused_with_the_field()
    {
        const string subject = "Tugas tanpa orang";
        (await RefusedAsync(Draft("SuratTugas", subject, new { purposes = new[] { "menghadiri rapat." } }), subject)).Keys.ShouldBe(["structure.people"]);

        // the wali kota is on the chart without a NIP; a surat tugas names civil servants by theirs
        var walikota = Person("walikota");
        walikota.Nip.ShouldBeNull();
        (await RefusedAsync(Draft("SuratTugas", subject, new
        {
            people = new object[] { new { personId = Person("kabag.umum").Id }, new { personId = walikota.Id } }, purposes = new[] { "menghadiri rapat." },
        }), subject)).Keys.ShouldBe(["structure.people[1].nip"]);
        (await RefusedAsync(Draft("SuratTugas", subject, new
        {
            people = new object[] { new { personId = Guid.CreateVersion7() } }, purposes = new[] { "menghadiri rapat." },
        }), subject)).Keys.ShouldBe(["structure.people[0].personId"]);
    }

    [Fact]
    public async Task A_surat_tugas_takes_name_nip_pangkat_and_jabatan_from_the_organization_and_prints_them()
    {
        var kabag = Person("kabag.umum");
        var response = await (await As("analis")).PostAsJsonAsync("/api/outgoing-letters", Draft("SuratTugas", "Tugas pemantauan arsip", new
        {
            legalBases = new[] { "Peraturan Menteri Dalam Negeri Nomor 1 Tahun 2023;" },
            people = new object[] { new { personId = kabag.Id }, new { name = "BUDI SANTOSO", nip = "19840621 201001 1 012", rank = "Penata (III/c)", position = "Arsiparis" } },
            purposes = new[] { "memantau penataan arsip;", "melaporkan hasilnya." },
            diktums = new[] { "not taken by a surat tugas: dropped" },
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await ReadAsync<DraftOutgoingLetterResponse>(response)).Id;

        var view = (await (await As("analis")).GetFromJsonAsync<OutgoingLetterView>($"/api/outgoing-letters/{id}", ArsipApp.Json))!;
        var people = view.Content.Structure!.People!;
        people[0].ShouldBe(new AssignedPerson(kabag.Id, kabag.FullName, kabag.Nip, kabag.Rank, "Kepala Bagian Umum"));
        people[1].Name.ShouldBe("BUDI SANTOSO");
        view.Content.Structure.Diktums.ShouldBeNull();

        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await (await As("analis")).GetByteArrayAsync($"/api/outgoing-letters/{id}/pdf"));
        var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
        text.ShouldContain("SURAT TUGAS");
        var title = pdf.GetPage(1).GetWords().First(w => w.Text == "TUGAS");
        title.BoundingBox.Left.ShouldBeGreaterThan(pdf.GetPage(1).Width / 3, "the kind's title is centred");
        text.ShouldContain("MENUGASKAN:");
        text.ShouldContain(kabag.FullName);
        text.ShouldContain(kabag.Nip!);
        text.ShouldContain("Dikeluarkan di");
    }

    [Fact]
    public async Task A_keputusan_prints_its_diktums_and_an_old_style_draft_without_structure_still_revises_and_prints()
    {
        var response = await (await As("analis")).PostAsJsonAsync("/api/outgoing-letters", Draft("SuratKeputusan", "Pembentukan Tim Penataan Arsip", new
        {
            considerations = new[] { "bahwa perlu dibentuk tim penataan arsip;" },
            legalBases = new[] { "Undang-Undang Nomor 43 Tahun 2009 tentang Kearsipan;" },
            diktums = new[] { "Membentuk Tim Penataan Arsip.", "Keputusan ini mulai berlaku pada tanggal ditetapkan." },
        }));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await ReadAsync<DraftOutgoingLetterResponse>(response)).Id;
        using (var pdf = UglyToad.PdfPig.PdfDocument.Open(await (await As("analis")).GetByteArrayAsync($"/api/outgoing-letters/{id}/pdf")))
        {
            var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
            foreach (var part in new[] { "KEPUTUSAN SEKRETARIS DAERAH KOTA BEKASI", "Menimbang", "Mengingat", "MEMUTUSKAN:", "KESATU", "KEDUA", "Ditetapkan di" })
                text.ShouldContain(part);
        }

        // a surat dinas drafted as before (no structure) still drafts and revises
        var plain = await (await As("analis")).PostAsJsonAsync("/api/outgoing-letters", Draft("SuratDinas", "Surat dinas biasa", null, body: "Dengan hormat, disampaikan."));
        plain.StatusCode.ShouldBe(HttpStatusCode.Created);
        var plainId = (await ReadAsync<DraftOutgoingLetterResponse>(plain)).Id;
        (await (await As("analis")).PutAsJsonAsync($"/api/outgoing-letters/{plainId}",
            new { draft = Draft("SuratDinas", "Surat dinas biasa (diubah)", null, body: "Dengan hormat, disampaikan lagi.") })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task The_search_kind_facet_counts_each_kind_the_caller_may_see_and_narrows_to_it()
    {
        async Task DraftAsync(string kind, string subject, object structure, string securityLevel = "Biasa", string body = "")
        {
            var draft = JsonSerializer.SerializeToNode(Draft(kind, subject, structure, body), ArsipApp.Json)!.AsObject();
            draft["securityLevel"] = securityLevel;
            var response = await (await As("analis")).PostAsJsonAsync("/api/outgoing-letters", draft);
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }
        var tugas = new { people = new object[] { new { personId = Person("kabag.umum").Id } }, purposes = new[] { "memeriksa zonasi arsip." } };
        await DraftAsync("SuratTugas", "Tugas pemeriksaan zonasi arsip", tugas);
        await DraftAsync("SuratTugas", "Tugas lanjutan zonasi arsip", tugas);
        await DraftAsync("NotaDinas", "Laporan zonasi arsip", new { }, body: "Bersama ini dilaporkan zonasi arsip.");
        await DraftAsync("SuratKeputusan", "Keputusan zonasi arsip", new
        {
            considerations = new[] { "bahwa perlu zonasi;" }, legalBases = new[] { "Undang-Undang Nomor 43 Tahun 2009;" }, diktums = new[] { "Menetapkan zonasi." },
        }, securityLevel: "Rahasia");

        async Task<Arsip.Search.SearchResult> SearchAsync(string user, string query, int expected)
        {
            Arsip.Search.SearchResult result;
            var deadline = DateTime.UtcNow.AddSeconds(30);
            do
            {
                result = (await (await As(user)).GetFromJsonAsync<Arsip.Search.SearchResult>($"/api/search?{query}", ArsipApp.Json))!;
                if (result.TotalHits >= expected) return result;
                await Task.Delay(100);
            } while (DateTime.UtcNow < deadline);
            return result;
        }

        var drafter = await SearchAsync("analis", "q=zonasi", 4);
        drafter.Facets.Kinds.Select(f => (f.Value, f.Count)).ShouldBe([("SuratTugas", 2), ("NotaDinas", 1), ("SuratKeputusan", 1)]);

        // the secret keputusan is counted for no one outside its chain
        var outsider = await SearchAsync("auditor", "q=zonasi", 3);
        outsider.TotalHits.ShouldBe(3);
        outsider.Facets.Kinds.Select(f => (f.Value, f.Count)).ShouldBe([("SuratTugas", 2), ("NotaDinas", 1)]);

        var narrowed = await SearchAsync("analis", "q=zonasi&kind=SuratTugas", 2);
        narrowed.TotalHits.ShouldBe(2);
        narrowed.Hits.ShouldAllBe(h => h.NaskahKind == "SuratTugas");
        narrowed.Facets.Kinds.Select(f => (f.Value, f.Count)).ShouldBe([("SuratTugas", 2)]);
    }

    [Fact]
    public async Task A_draft_signed_an_the_wali_kota_by_the_sekda_previews_the_an_line_and_the_head_cannot_sign_an()
    {
        var draft = JsonSerializer.SerializeToNode(Draft("SuratDinas", "Surat a.n. Wali Kota", new { onBehalf = "AtasNama" }, body: "Dengan hormat, disampaikan."), ArsipApp.Json)!.AsObject();
        var response = await (await As("analis")).PostAsJsonAsync("/api/outgoing-letters", draft);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await ReadAsync<DraftOutgoingLetterResponse>(response)).Id;
        using (var pdf = UglyToad.PdfPig.PdfDocument.Open(await (await As("analis")).GetByteArrayAsync($"/api/outgoing-letters/{id}/pdf")))
        {
            var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
            text.IndexOf("a.n. WALI KOTA BEKASI", StringComparison.Ordinal).ShouldBeGreaterThan(0);
            text.IndexOf("SEKRETARIS DAERAH,", text.IndexOf("a.n. WALI KOTA BEKASI", StringComparison.Ordinal), StringComparison.Ordinal).ShouldBeGreaterThan(0);
        }

        // u.b. needs two levels above the signatory: the Sekda reports to the head of the region only
        const string subject = "Surat u.b. tanpa dua tingkat";
        var ub = JsonSerializer.SerializeToNode(Draft("SuratDinas", subject, new { onBehalf = "UntukBeliau" }, body: "Dengan hormat."), ArsipApp.Json)!.AsObject();
        (await RefusedAsync(ub, subject)).Keys.ShouldBe(["structure.onBehalf"]);
        const string headSubject = "Wali Kota a.n. siapa";
        var head = JsonSerializer.SerializeToNode(Draft("SuratDinas", headSubject, new { onBehalf = "AtasNama" }, body: "Dengan hormat."), ArsipApp.Json)!.AsObject();
        head["signatoryPositionId"] = Position("Wali Kota Bekasi").ToString();
        (await RefusedAsync(head, headSubject)).Keys.ShouldBe(["structure.onBehalf"]);
    }
}
