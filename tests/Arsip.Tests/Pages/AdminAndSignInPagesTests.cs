using System.Reflection;
using System.Reflection.Emit;
using Arsip.Pages;

namespace Arsip.Tests.Pages;

/// <summary>
/// The administration and sign-in pages reach the API's decisions only through the bus: read from their compiled IL
/// (async state machines and lambdas included), they call no <c>*Endpoint(s)</c> method and open no writing session.
/// </summary>
public class AdminAndSignInPagesTests
{
    private static readonly Assembly Server = typeof(MasukModel).Assembly;

    public static TheoryData<string> PageModels() => [.. PageModelNames()];

    private static string[] PageModelNames() =>
    [
        .. Server.GetTypes().Where(t => t.Namespace == "Arsip.Pages" && t.Name.StartsWith("Admin", StringComparison.Ordinal) && t.Name.EndsWith("Model", StringComparison.Ordinal))
            .Select(t => t.FullName!),
        typeof(MasukModel).FullName!,
        Server.GetTypes().Single(t => t.Name == "KeluarModel").FullName!,
    ];

    [Theory]
    [MemberData(nameof(PageModels))]
    public void A_page_calls_no_endpoint_and_opens_no_writing_session(string pageModel)
    {
        var calls = CallsFrom(Server.GetType(pageModel)!).ToList();
        calls.ShouldNotBeEmpty();
        calls.Where(m => m.DeclaringType!.Name.EndsWith("Endpoint", StringComparison.Ordinal) || m.DeclaringType.Name.EndsWith("Endpoints", StringComparison.Ordinal)
                         || m.Name is "LightweightSession" or "IdentitySession" or "SaveChangesAsync")
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}").Distinct().ShouldBeEmpty();
    }

    [Fact]
    public void Thirteen_admin_pages_and_the_two_sign_in_pages_are_checked() => PageModelNames().Length.ShouldBe(15);

    [Fact]
    public void The_reading_finds_an_endpoint_called_inside_an_async_method() =>
        CallsFrom(typeof(CallsAnEndpoint)).Select(m => $"{m.DeclaringType!.Name}.{m.Name}").ShouldContain("OrganizationChartEndpoint.Get");

    private static class CallsAnEndpoint
    {
        public static async Task<int> CountAsync(Marten.IQuerySession session) => (await Arsip.Organization.OrganizationChartEndpoint.Get(session, default)).Units.Count;
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    private static IEnumerable<MethodBase> CallsFrom(Type type)
    {
        var types = new List<Type> { type };
        for (var i = 0; i < types.Count; i++) types.AddRange(types[i].GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic));
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var method in types.SelectMany(t => t.GetMethods(all).Cast<MethodBase>().Concat(t.GetConstructors(all))))
        {
            if (method.GetMethodBody()?.GetILAsByteArray() is not { } il) continue;
            for (var at = 0; at < il.Length;)
            {
                var code = il[at] == 0xFE ? OpCodesByValue[(short)(0xFE00 | il[at + 1])] : OpCodesByValue[il[at]];
                at += code.Size;
                if (code.OperandType == OperandType.InlineMethod)
                {
                    var called = Resolve(method, BitConverter.ToInt32(il, at));
                    if (called is not null) yield return called;
                }
                at += code.OperandType switch
                {
                    OperandType.InlineNone => 0,
                    OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                    OperandType.InlineVar => 2,
                    OperandType.InlineI8 or OperandType.InlineR => 8,
                    OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
                    _ => 4,
                };
            }
        }
    }

    private static MethodBase? Resolve(MethodBase method, int token)
    {
        try
        {
            return method.Module.ResolveMethod(token, method.DeclaringType?.GetGenericArguments(), method.IsGenericMethod ? method.GetGenericArguments() : null);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
