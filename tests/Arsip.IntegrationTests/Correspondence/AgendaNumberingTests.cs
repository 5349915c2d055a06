using System.Net;
using System.Net.Http.Json;
using Arsip.Correspondence;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Organization;
using Arsip.ReferenceData;

namespace Arsip.IntegrationTests.Correspondence;

/// <summary>Agenda numbers run per agency by default, or per registry unit where the administrator says so.</summary>
public class AgendaNumberingTests(ArsipApp app) : ArsipTest(app)
{
    [Fact]
    public async Task Per_unit_numbering_gives_each_registry_unit_its_own_book_and_switching_back_continues_the_agencys()
    {
        var admin = await As("admin");
        var secretariat = await As("registrar");
        var health = await SecondRegistrarAsync(admin);

        var a1 = await RegisterAsync(secretariat, "NUM/1");
        (await RegisterAsync(health, "NUM/2")).ShouldBe(a1 + 1);

        var set = await admin.PutAsJsonAsync("/api/agenda-numbering", new { scope = "Unit" });
        set.StatusCode.ShouldBe(HttpStatusCode.OK);
        var response = await ReadAsync<AgendaNumberingResponse>(set);
        response.Scope.ShouldBe(SequenceScope.Unit);
        (await RegisterAsync(secretariat, "NUM/3")).ShouldBe(1);
        (await RegisterAsync(health, "NUM/4")).ShouldBe(1);
        (await RegisterAsync(secretariat, "NUM/5")).ShouldBe(2);

        // Saying the same again records nothing new.
        var again = await ReadAsync<AgendaNumberingResponse>(await admin.PutAsJsonAsync("/api/agenda-numbering", new { scope = "Unit" }));
        again.SetAt.ShouldBe(response.SetAt);

        (await admin.PutAsJsonAsync("/api/agenda-numbering", new { scope = "Agency" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await RegisterAsync(health, "NUM/6")).ShouldBe(a1 + 2);
        (await (await As("registrar")).GetFromJsonAsync<AgendaNumberingResponse>("/api/agenda-numbering", ArsipApp.Json))!.Scope.ShouldBe(SequenceScope.Agency);
    }

    [Fact]
    public async Task Only_administrators_set_it_and_the_scope_is_required()
    {
        (await (await As("registrar")).PutAsJsonAsync("/api/agenda-numbering", new { scope = "Unit" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var missing = await (await As("admin")).PutAsJsonAsync("/api/agenda-numbering", new { });
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("scope");
        (await (await As("admin")).PutAsJsonAsync("/api/agenda-numbering", new { scope = "Bidang" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private async Task<HttpClient> SecondRegistrarAsync(HttpClient admin)
    {
        var chart = (await admin.GetFromJsonAsync<OrganizationChart>("/api/organization", ArsipApp.Json))!;
        var registrarUnit = chart.Positions.Single(p => p.Id == chart.People.Single(x => x.UserName == "registrar").PositionId).UnitId;
        var otherUnit = chart.Units.First(u => u.Id != registrarUnit).Id;
        var position = await ReadAsync<CreatedId>(await admin.PostAsJsonAsync("/api/organization/positions",
            new { title = "Pengadministrasi Surat Unit Lain", unitId = otherUnit, roles = new[] { "Registrar" } }));
        (await admin.PostAsJsonAsync("/api/organization/people", new
        {
            userName = "registrar.lain", fullName = "Sari Wulandari", nip = "199001012015032001", rank = "Penata Muda",
            password = ArsipApp.DemoPassword, positionId = position.Id,
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        return await App.SignInAsync("registrar.lain");
    }

    private async Task<int> RegisterAsync(HttpClient client, string number)
    {
        var response = await client.PostAsJsonAsync("/api/incoming-letters", RegisteringIncomingLettersTests.Letter(number, sender: "Pengirim Penomoran"));
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await ReadAsync<RegisterIncomingLetterResponse>(response)).AgendaNumber;
    }

    private sealed record CreatedId(Guid Id);
}
