using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Arsip.Correspondence;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.IntegrationTests.ReferenceData;
using Arsip.Organization;
using Arsip.ReferenceData;

namespace Arsip.IntegrationTests.Correspondence;

/// <summary>
/// A letter's classification must be a class of the agency's imported scheme: registration, correction and drafts
/// refuse another code with the nearest classes; an agency without a scheme accepts any well-formed code.
/// </summary>
public class ClassificationInSchemeTests(ArsipApp app) : ArsipTest(app)
{
    private OrganizationChart _chart = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var admin = await As("admin");
        (await admin.PostCsv(ReferenceDataHttp.SampleScheme())).StatusCode.ShouldBeOneOf(HttpStatusCode.Created, HttpStatusCode.OK);
        _chart = (await admin.GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
    }

    private static object Letter(string classification, string number) => new
    {
        sender = "Dinas Kesehatan Kota Bekasi", senderLetterNumber = number, letterDate = "2026-11-20", receivedOn = "2026-11-23",
        subject = "Laporan Penanganan Demam Berdarah", classification, securityLevel = "Biasa", urgency = "Segera",
    };

    private object Draft(string classification) => new
    {
        kind = "SuratDinas", classification, securityLevel = "Biasa", urgency = "Biasa", subject = "Undangan rapat",
        body = "Dengan hormat, kami mengundang Saudara.",
        addressees = new[] { new { name = "Kepala Dinas Kesehatan", positionId = _chart.Positions.Single(p => p.Title == "Kepala Dinas Kesehatan").Id } },
        signatoryPositionId = _chart.Positions.Single(p => p.Title == "Sekretaris Daerah").Id,
    };

    private static async Task<(string Message, string[] Suggestions)> RefusalAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var message = body.RootElement.GetProperty("errors").GetProperty("classification")[0].GetString()!;
        var suggestions = body.RootElement.GetProperty("suggestions").EnumerateArray().Select(s => s.GetProperty("code").GetString()!).ToArray();
        return (message, suggestions);
    }

    private async Task<long> IncomingCountAsync() =>
        (await (await As("registrar")).GetFromJsonAsync<IncomingLetterPage>("/api/incoming-letters?year=2026", ArsipApp.Json))!.Total;

    [Fact]
    public async Task Registration_refuses_a_code_outside_the_scheme_with_the_nearest_classes_and_writes_nothing()
    {
        var registrar = await As("registrar");
        var before = await IncomingCountAsync();

        var (message, suggestions) = await RefusalAsync(await registrar.PostAsJsonAsync("/api/incoming-letters", Letter("999.9.9.9", "K/1")));
        message.ShouldContain("999.9.9.9");
        message.ShouldContain("tidak ada dalam skema klasifikasi");
        suggestions.ShouldNotBeEmpty();
        suggestions[0].ShouldBe("900", "nothing shares a group with 999: the top-level classes, the one sharing its first digit first");
        message.ShouldContain("900 Keuangan");

        var (_, near) = await RefusalAsync(await registrar.PostAsJsonAsync("/api/incoming-letters", Letter("000.1.99", "K/2")));
        near[..2].ShouldBe(["000.1", "000.1.9"]);
        near.ShouldAllBe(code => code.StartsWith("000.1"));
        (await IncomingCountAsync()).ShouldBe(before, "a refused registration writes nothing");

        (await registrar.PostAsJsonAsync("/api/incoming-letters", Letter("400.7.1", "K/3"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await registrar.PostAsJsonAsync("/api/incoming-letters", Letter("400-7", "K/4"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a malformed code is a 400 as before");
    }

    [Fact]
    public async Task A_correction_to_a_code_outside_the_scheme_is_refused_and_the_letter_keeps_its_code()
    {
        var registrar = await As("registrar");
        var created = await ReadAsync<RegisterIncomingLetterResponse>(await registrar.PostAsJsonAsync("/api/incoming-letters", Letter("400.7", "C/1")));

        var (message, _) = await RefusalAsync(await registrar.PutAsJsonAsync($"/api/incoming-letters/{created.Id}",
            new { changes = new Dictionary<string, string> { ["classification"] = "400.8" }, reason = "salah kode" }));
        message.ShouldContain("400.8");
        (await registrar.GetFromJsonAsync<IncomingLetterView>($"/api/incoming-letters/{created.Id}", ArsipApp.Json))!.Classification.ShouldBe("400.7");

        (await registrar.PutAsJsonAsync($"/api/incoming-letters/{created.Id}",
            new { changes = new Dictionary<string, string> { ["classification"] = "400.7.1" }, reason = "lebih tepat" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Outgoing_drafts_new_versions_and_reservations_refuse_a_code_outside_the_scheme()
    {
        var analis = await As("analis");
        var (message, suggestions) = await RefusalAsync(await analis.PostAsJsonAsync("/api/outgoing-letters", Draft("000.5.9")));
        message.ShouldContain("000.5.9");
        suggestions.ShouldContain("000.5");

        var created = await analis.PostAsJsonAsync("/api/outgoing-letters", Draft("000.5"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await ReadAsync<DraftOutgoingLetterResponse>(created)).Id;
        await RefusalAsync(await analis.PutAsJsonAsync($"/api/outgoing-letters/{id}", new { draft = Draft("999"), note = "kode" }));

        await RefusalAsync(await (await As("registrar")).PostAsJsonAsync("/api/outgoing-letters/reservations", new { letter = Draft("999") }));
    }

    [Fact]
    public async Task An_agency_without_a_scheme_accepts_any_well_formed_code()
    {
        var registrar = await As("registrar", "kab-bekasi");
        (await registrar.PostAsJsonAsync("/api/incoming-letters", Letter("999.9.9.9", "N/1"))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_scheme_is_searched_by_code_or_name_and_offered_on_both_letter_forms()
    {
        var registrar = await As("registrar");
        var byName = await registrar.GetFromJsonAsync<ClassificationSchemeResponse>("/api/classification?q=perjalanan", ArsipApp.Json);
        byName!.Classes.Select(c => c.Code).ShouldContain("000.1.2");
        byName.Classes.ShouldAllBe(c => c.Name.Contains("erjalanan", StringComparison.OrdinalIgnoreCase));
        var byCode = await registrar.GetFromJsonAsync<ClassificationSchemeResponse>("/api/classification?q=800.1.11", ArsipApp.Json);
        byCode!.Classes.Select(c => c.Code).ShouldBe(["800.1.11", "800.1.11.1", "800.1.11.2", "800.1.11.3"]);

        foreach (var (user, page) in new[] { ("registrar", "/surat-masuk/baru"), ("analis", "/surat-keluar/baru") })
        {
            var html = await (await As(user)).GetStringAsync(page);
            html.ShouldContain("list=\"classification-options\"");
            html.ShouldContain("<option value=\"000.1.2\">Perjalanan Dinas Pimpinan</option>");
        }
    }
}
