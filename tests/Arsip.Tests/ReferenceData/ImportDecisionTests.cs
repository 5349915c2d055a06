using Arsip.Kernel;
using Arsip.ReferenceData;

namespace Arsip.Tests.ReferenceData;

public class ImportDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(7));

    private static ClassificationClass Class(string code, int active = 2, int inactive = 3, FinalAction action = FinalAction.Musnah) =>
        new(code, "Kelas " + code, Arsip.Kernel.ClassificationCode.ParentOf(code), active, inactive, action, null);

    private static ParsedScheme Parsed(params ClassificationClass[] classes) =>
        new(classes, classes.Select((c, i) => (c.Code, Line: i + 2)).ToDictionary(x => x.Code, x => x.Line), []);

    private static ClassificationSchemeView Current(params ClassificationClass[] classes) => new() { Version = 3, Classes = [.. classes] };

    private static ImportClassificationSchemeCommand Import(bool allow = false, string? reason = null, string by = "a") =>
        new(new ClassificationImport([], SchemeFileFormat.Csv, "x.csv", allow, reason), by);

    private static Decision Decide(ClassificationSchemeView? current, ParsedScheme parsed, ImportClassificationSchemeCommand command) =>
        ImportClassificationSchemeHandler.Decide(command, current, parsed, Now);

    private static ClassificationSchemeImported Imported(Decision decision) => decision.Events.ShouldHaveSingleItem().ShouldBeOfType<ClassificationSchemeImported>();

    [Fact]
    public void The_first_import_is_version_1()
    {
        var decision = Decide(null, Parsed(Class("000")), Import(by: "arsiparis"));
        decision.Refusal.ShouldBeNull();
        var imported = Imported(decision);
        imported.Version.ShouldBe(1);
        imported.ImportedBy.ShouldBe("arsiparis");
        imported.ImportedAt.ShouldBe(Now);
    }

    [Fact]
    public void The_same_scheme_again_is_no_new_version()
    {
        var decision = Decide(Current(Class("000")), Parsed(Class("000")), Import());
        decision.Events.ShouldBeEmpty();
        decision.Refusal.ShouldBeNull();
    }

    [Fact]
    public void Longer_retention_and_new_classes_need_no_consent()
    {
        var imported = Imported(Decide(Current(Class("000")), Parsed(Class("000", active: 5, action: FinalAction.Permanen), Class("000.1")), Import()));
        imported.Version.ShouldBe(4);
        imported.Shortened.ShouldBeEmpty();
    }

    [Fact]
    public void Shortening_is_refused_with_the_lines_then_allowed_with_a_reason()
    {
        var current = Current(Class("000"), Class("000.1", active: 5, inactive: 5, action: FinalAction.Permanen), Class("000.2"));
        var next = Parsed(Class("000"), Class("000.1", active: 2, inactive: 5, action: FinalAction.Musnah));

        var refused = Decide(current, next, Import());
        refused.Refusal!.Status.ShouldBe(422);
        refused.Events.ShouldBeEmpty();
        var errors = (IEnumerable<ImportError>)refused.Refusal.Extensions["errors"]!;
        errors.Select(e => (e.Line, e.Field)).ShouldBe([(3, "activeRetentionYears"), (3, "finalAction"), (0, "code")], ignoreOrder: true);

        Decide(current, next, Import(allow: true)).Refusal!.Status.ShouldBe(400);

        var allowed = Imported(Decide(current, next, Import(true, " JRA baru 2026 ")));
        allowed.Reason.ShouldBe("JRA baru 2026");
        allowed.Shortened.Count.ShouldBe(3);
    }

    [Fact]
    public void Review_to_destroy_is_shortening_but_destroy_to_review_is_not()
    {
        ImportClassificationSchemeHandler.FindShortenings([Class("000", action: FinalAction.DinilaiKembali)], [Class("000")])
            .ShouldHaveSingleItem().Field.ShouldBe("finalAction");
        ImportClassificationSchemeHandler.FindShortenings([Class("000")], [Class("000", action: FinalAction.DinilaiKembali)]).ShouldBeEmpty();
    }

    [Fact]
    public void An_invalid_file_is_a_400_listing_its_errors()
    {
        var decision = Decide(null, new ParsedScheme([], new Dictionary<string, int>(), [new ImportError(4, "code", "x")]), Import());
        decision.Refusal!.Status.ShouldBe(400);
        decision.Events.ShouldBeEmpty();
    }
}
