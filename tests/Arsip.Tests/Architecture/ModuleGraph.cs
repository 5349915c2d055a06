using System.Collections.Immutable;
using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace Arsip.Tests.Architecture;

/// <summary>
/// Which module of a compiled assembly uses which, read with System.Reflection.Metadata over its metadata and IL
/// (signatures, attributes, base types and every token in every method body, closures and state machines included).
/// A module is the second segment of a type's namespace (<c>Arsip.Correspondence.X</c> → Correspondence); types in
/// the root namespace are the composition root, named <see cref="Root"/>.
/// </summary>
public sealed class ModuleGraph
{
    public const string Root = "(root)";

    public IReadOnlyDictionary<string, SortedSet<string>> Uses { get; }
    private readonly Dictionary<(string From, string To), SortedSet<string>> reasons;

    private ModuleGraph(Dictionary<string, SortedSet<string>> uses, Dictionary<(string, string), SortedSet<string>> reasons)
    {
        Uses = uses;
        this.reasons = reasons;
    }

    /// <summary>A few type-to-type uses behind an edge, to say why it is there.</summary>
    public IEnumerable<string> Why(string from, string to) =>
        reasons.TryGetValue((from, to), out var why) ? why.Take(5) : [];

    public static ModuleGraph Of(Assembly assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var md = pe.GetMetadataReader();
        var uses = new Dictionary<string, SortedSet<string>>();
        var reasons = new Dictionary<(string, string), SortedSet<string>>();
        foreach (var handle in md.TypeDefinitions)
        {
            var from = Outermost(md, handle);
            var fromModule = ModuleOf(md, from);
            if (fromModule is null) continue;
            uses.TryAdd(fromModule, []);
            foreach (var used in new TypeUses(md, pe).Of(handle))
            {
                var target = Outermost(md, used);
                var toModule = ModuleOf(md, target);
                if (toModule is null || toModule == fromModule) continue;
                uses[fromModule].Add(toModule);
                var key = (fromModule, toModule);
                if (!reasons.TryGetValue(key, out var why)) reasons[key] = why = [];
                why.Add($"{Name(md, from)} → {Name(md, target)}");
            }
        }
        return new ModuleGraph(uses, reasons);
    }

    /// <summary>Every cycle as the modules on it, found by Tarjan's strongly connected components.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var cycles = new List<IReadOnlyList<string>>();
        var next = 0;
        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in Uses.GetValueOrDefault(v) ?? [])
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); component.Add(x); } while (x != v);
            if (component.Count > 1) cycles.Add(component.Order().ToList());
        }
        foreach (var v in Uses.Keys.Order()) if (!index.ContainsKey(v)) Visit(v);
        return cycles;
    }

    private static TypeDefinitionHandle Outermost(MetadataReader md, TypeDefinitionHandle handle)
    {
        while (md.GetTypeDefinition(handle).GetDeclaringType() is { IsNil: false } outer) handle = outer;
        return handle;
    }

    private static string? ModuleOf(MetadataReader md, TypeDefinitionHandle handle)
    {
        var type = md.GetTypeDefinition(handle);
        var ns = md.GetString(type.Namespace);
        var name = md.GetString(type.Name);
        if (name == "<Module>" || name.StartsWith("<", StringComparison.Ordinal) || name.StartsWith("Microsoft", StringComparison.Ordinal)) return null;
        if (ns.Length == 0 || ns == "Arsip") return Root;
        var parts = ns.Split('.');
        return parts[0] switch
        {
            "Arsip" => parts[1],
            "Internal" => "Internal",
            "AspNetCoreGeneratedDocument" => "Pages",
            _ => null,
        };
    }

    private static string Name(MetadataReader md, TypeDefinitionHandle handle)
    {
        var type = md.GetTypeDefinition(handle);
        var ns = md.GetString(type.Namespace);
        return ns.Length == 0 ? md.GetString(type.Name) : $"{ns}.{md.GetString(type.Name)}";
    }

    /// <summary>The types of this assembly that one type definition names anywhere.</summary>
    private sealed class TypeUses(MetadataReader md, PEReader pe) : ISignatureTypeProvider<object?, object?>
    {
        private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (OpCode)f.GetValue(null)!)
            .ToDictionary(o => o.Value);

        private readonly HashSet<TypeDefinitionHandle> found = [];

        public IReadOnlySet<TypeDefinitionHandle> Of(TypeDefinitionHandle handle)
        {
            var type = md.GetTypeDefinition(handle);
            Entity(type.BaseType);
            foreach (var i in type.GetInterfaceImplementations()) Entity(md.GetInterfaceImplementation(i).Interface);
            Attributes(type.GetCustomAttributes());
            foreach (var p in type.GetGenericParameters())
                foreach (var c in md.GetGenericParameter(p).GetConstraints()) Entity(md.GetGenericParameterConstraint(c).Type);
            foreach (var f in type.GetFields())
            {
                var field = md.GetFieldDefinition(f);
                field.DecodeSignature(this, null);
                Attributes(field.GetCustomAttributes());
            }
            foreach (var p in type.GetProperties()) Attributes(md.GetPropertyDefinition(p).GetCustomAttributes());
            foreach (var m in type.GetMethods()) Method(md.GetMethodDefinition(m));
            return found;
        }

        private void Method(MethodDefinition method)
        {
            method.DecodeSignature(this, null);
            Attributes(method.GetCustomAttributes());
            foreach (var p in method.GetParameters()) Attributes(md.GetParameter(p).GetCustomAttributes());
            if (method.RelativeVirtualAddress == 0) return;
            var body = pe.GetMethodBody(method.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil) md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(this, null);
            foreach (var region in body.ExceptionRegions) Entity(region.CatchType);
            var il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                short value = il.ReadByte();
                if (value == 0xFE) value = unchecked((short)(0xFE00 | il.ReadByte()));
                var opcode = OpCodesByValue[value];
                switch (opcode.OperandType)
                {
                    case OperandType.InlineNone: break;
                    case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: il.Offset += 1; break;
                    case OperandType.InlineVar: il.Offset += 2; break;
                    case OperandType.InlineI8 or OperandType.InlineR: il.Offset += 8; break;
                    case OperandType.InlineSwitch: var targets = il.ReadInt32(); il.Offset += 4 * targets; break;
                    case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                        Entity(MetadataTokens.EntityHandle(il.ReadInt32()));
                        break;
                    default: il.Offset += 4; break;
                }
            }
        }

        private void Attributes(CustomAttributeHandleCollection attributes)
        {
            foreach (var a in attributes) Entity(md.GetCustomAttribute(a).Constructor);
        }

        private void Entity(EntityHandle handle)
        {
            if (handle.IsNil) return;
            switch (handle.Kind)
            {
                case HandleKind.TypeDefinition: found.Add((TypeDefinitionHandle)handle); break;
                case HandleKind.TypeSpecification: md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null); break;
                case HandleKind.MethodDefinition:
                    var method = md.GetMethodDefinition((MethodDefinitionHandle)handle);
                    found.Add(method.GetDeclaringType());
                    method.DecodeSignature(this, null);
                    break;
                case HandleKind.FieldDefinition:
                    var field = md.GetFieldDefinition((FieldDefinitionHandle)handle);
                    found.Add(field.GetDeclaringType());
                    field.DecodeSignature(this, null);
                    break;
                case HandleKind.MemberReference:
                    var member = md.GetMemberReference((MemberReferenceHandle)handle);
                    Entity(member.Parent);
                    if (member.GetKind() == MemberReferenceKind.Method) member.DecodeMethodSignature(this, null);
                    else member.DecodeFieldSignature(this, null);
                    break;
                case HandleKind.MethodSpecification:
                    var spec = md.GetMethodSpecification((MethodSpecificationHandle)handle);
                    Entity(spec.Method);
                    spec.DecodeSignature(this, null);
                    break;
            }
        }

        public object? GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) { found.Add(handle); return null; }
        public object? GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => null;
        public object? GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, context);
        public object? GetPrimitiveType(PrimitiveTypeCode typeCode) => null;
        public object? GetSZArrayType(object? elementType) => null;
        public object? GetArrayType(object? elementType, ArrayShape shape) => null;
        public object? GetByReferenceType(object? elementType) => null;
        public object? GetPointerType(object? elementType) => null;
        public object? GetPinnedType(object? elementType) => null;
        public object? GetGenericInstantiation(object? genericType, ImmutableArray<object?> typeArguments) => null;
        public object? GetGenericMethodParameter(object? genericContext, int index) => null;
        public object? GetGenericTypeParameter(object? genericContext, int index) => null;
        public object? GetFunctionPointerType(MethodSignature<object?> signature) => null;
        public object? GetModifiedType(object? modifier, object? unmodifiedType, bool isRequired) => null;
    }
}
