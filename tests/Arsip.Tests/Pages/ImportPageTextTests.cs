using System.Globalization;
using System.Text.RegularExpressions;
using Arsip.Correspondence;
using Arsip.Pages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Arsip.Tests.Pages;

/// <summary>Every text of <c>/admin/impor</c> has its English: the page's own texts, read from the view, and the words it shows from the run
/// (statuses, phases, column names, the register's kind), looked up in the compiled resources as the page does.</summary>
public partial class ImportPageTextTests
{
    private static IStringLocalizer<Text> English() =>
        new StringLocalizer<Text>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));

    private static T InEnglish<T>(Func<T> read)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("en-GB");
        try { return read(); }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    [GeneratedRegex("""T\["((?:[^"\\]|\\.)+)"[\],]""")]
    private static partial Regex PageText();

    [Fact]
    public void Every_text_written_in_the_import_page_has_an_English_entry()
    {
        var view = File.ReadAllText(Path.Combine(Architecture.ModuleMapTests.RepositoryRoot(), "src", "Arsip.Server", "Pages", "Admin", "Impor.cshtml"));
        var keys = PageText().Matches(view).Select(m => m.Groups[1].Value).Distinct().ToList();
        keys.Count.ShouldBeGreaterThan(30);
        var t = English();

        var missing = InEnglish(() => keys.Where(k => t[k].ResourceNotFound).ToList());

        missing.ShouldBeEmpty();
    }

    [Fact]
    public void Every_word_the_import_page_takes_from_the_run_is_said_in_English()
    {
        var words = LegacyImportPhases.All
            .Concat(Enum.GetValues<LegacyImportStatus>().Select(AdminImporModel.StatusText))
            .Concat(Enum.GetValues<RegisterColumn>().Select(LegacyRegister.Label))
            .Concat(Enum.GetValues<RegisterKind>().Select(AdminImporModel.KindText))
            .Distinct().ToList();
        var t = English();

        var said = InEnglish(() => words.ToDictionary(w => w, w => AdminImporModel.Say(t, w)));

        said.Where(s => string.Equals(s.Key, s.Value, StringComparison.OrdinalIgnoreCase)).Select(s => s.Key).ShouldBeEmpty();
        said[LegacyImportPhases.Writing].ShouldBe("Writing letters");
        said[AdminImporModel.StatusText(LegacyImportStatus.Done)].ShouldBe("Done", "found under its capitalised key");
        AdminImporModel.Say(t, LegacyImportPhases.Writing).ShouldBe("Menulis surat", "Indonesian pages say the word itself, capitalised");
    }
}
