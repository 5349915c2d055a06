using Microsoft.Extensions.DependencyInjection;
using Arsip.Infrastructure;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.ReferenceData;
using Arsip.Samples;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Arsip.IntegrationTests.ReferenceData;

public class SampleReferenceDataTests(ArsipApp app) : ArsipTest(app)
{
    private static readonly string[] DemoAgencies = ["kota-bekasi", "kab-bekasi", "kota-tangerang"];

    [Fact]
    public async Task Loads_the_reference_data_for_each_demo_agency_once()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Arsip:SampleData"] = ReferenceDataHttp.Samples }).Build();
        var loader = new SampleDataLoader(configuration, App.Store, App.Services.GetRequiredService<Wolverine.Runtime.IWolverineRuntime>(), new ArsipClock(App.Clock), NullLogger<SampleDataLoader>.Instance);

        await loader.StartAsync(default);
        var first = await VersionsAsync();
        await loader.StartAsync(default);

        (await VersionsAsync()).ShouldBe(first);
        first.Keys.ShouldBe(DemoAgencies, ignoreOrder: true);
        first.Values.ShouldAllBe(v => v.Scheme == 1 && v.Templates >= 7 && v.Letterheads >= 1 && v.Calendar == 1);

        await using var tangerang = App.Store.QuerySession("kota-tangerang");
        var agency = await tangerang.LoadAsync<LetterheadView>(LetterheadView.StreamFor(Letterhead.AgencyKey));
        agency!.Letterhead.NameLines[0].ShouldBe("PEMERINTAH KOTA TANGERANG");
        agency.Letterhead.EmblemContentType.ShouldBe("image/png");

        // #20: the demo sends one signed letter from Kota Bekasi to Kabupaten Bekasi, once; it arrives with its PDF as the scan
        IReadOnlyList<Arsip.Correspondence.IncomingLetterView> arrived;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        do
        {
            await Task.Delay(200);
            await using var kabBekasi = App.Store.QuerySession("kab-bekasi");
            arrived = await kabBekasi.Query<Arsip.Correspondence.IncomingLetterView>().Where(l => l.Subject == SampleDataLoader.SampleDeliverySubject).ToListAsync();
        } while (arrived.Count == 0 && DateTime.UtcNow < deadline);
        arrived.Count.ShouldBe(1);
        arrived[0].Files.ShouldContain(f => f.Kind == Arsip.Correspondence.AttachmentKind.Scan && f.ContentType == "application/pdf");
    }

    private async Task<Dictionary<string, (int Scheme, long Templates, int Letterheads, long Calendar)>> VersionsAsync()
    {
        var result = new Dictionary<string, (int, long, int, long)>();
        foreach (var agency in DemoAgencies)
        {
            await using var session = App.Store.QuerySession(agency);
            var scheme = await session.LoadAsync<ClassificationSchemeView>(ReferenceDataStreams.ClassificationSchemeStream);
            var templates = await session.LoadAsync<LetterNumberTemplatesView>(ReferenceDataStreams.LetterNumberTemplatesStream);
            var letterheads = await session.Query<LetterheadView>().CountAsync();
            var calendar = await session.LoadAsync<WorkingCalendarView>(ReferenceDataStreams.WorkingCalendarStream);
            result[agency] = (scheme?.Version ?? 0, templates?.Version ?? 0, letterheads, calendar?.Version ?? 0);
        }
        return result;
    }
}
