using Mono.Cecil;
using Mono.Cecil.Cil;

namespace QNet.Architecture.Tests;

/// <summary>
/// Which namespaces the types of a compiled assembly use: every type named in a signature (base
/// type, interfaces, fields, properties, events, parameters, return types, generic arguments,
/// attributes) and in a method body (locals and the operands of every instruction: types, methods,
/// fields). Reading the IL, not the source, catches what a <c>using</c> hides and what a fully
/// qualified name writes out. Compiler-generated nested types (lambdas, iterators, async state
/// machines) count for the type that declares them.
/// </summary>
internal static class TypeReferences
{
    /// <summary>A use of a type of namespace <paramref name="To"/> by a type of namespace <paramref name="From"/>, with an example.</summary>
    internal sealed record Use(string From, string To, string Example);

    /// <summary>Every use between two different namespaces in the assembly at <paramref name="path"/>, one example per pair.</summary>
    public static IReadOnlyList<Use> NamespaceUses(string path)
    {
        using ModuleDefinition module = ModuleDefinition.ReadModule(path);
        var uses = new Dictionary<(string, string), string>();
        foreach (TypeDefinition type in module.GetTypes())
        {
            string from = NamespaceOf(type);
            if (from.Length == 0)
            {
                continue; // <Module>, <PrivateImplementationDetails>
            }
            foreach (TypeReference used in UsedBy(type).SelectMany(Expand))
            {
                string to = NamespaceOf(used);
                if (to.Length > 0 && to != from)
                {
                    uses.TryAdd((from, to), $"{Outermost(type).FullName} uses {Outermost(used).FullName}");
                }
            }
        }
        return uses.Select(u => new Use(u.Key.Item1, u.Key.Item2, u.Value)).ToList();
    }

    private static TypeReference Outermost(TypeReference type)
    {
        type = type.GetElementType();
        while (type.IsNested)
        {
            type = type.DeclaringType;
        }
        return type;
    }

    /// <summary>The namespace of a type; a nested type has that of the type declaring it.</summary>
    public static string NamespaceOf(TypeReference type) => Outermost(type).Namespace;

    private static IEnumerable<TypeReference> UsedBy(TypeDefinition type)
    {
        if (type.BaseType is { } baseType)
        {
            yield return baseType;
        }
        foreach (InterfaceImplementation i in type.Interfaces)
        {
            yield return i.InterfaceType;
        }
        foreach (CustomAttribute a in type.CustomAttributes)
        {
            yield return a.AttributeType;
        }
        foreach (FieldDefinition f in type.Fields)
        {
            yield return f.FieldType;
        }
        foreach (PropertyDefinition p in type.Properties)
        {
            yield return p.PropertyType;
        }
        foreach (EventDefinition e in type.Events)
        {
            yield return e.EventType;
        }
        foreach (MethodDefinition m in type.Methods)
        {
            foreach (TypeReference t in Signature(m))
            {
                yield return t;
            }
            foreach (CustomAttribute a in m.CustomAttributes)
            {
                yield return a.AttributeType;
            }
            if (!m.HasBody)
            {
                continue;
            }
            foreach (VariableDefinition v in m.Body.Variables)
            {
                yield return v.VariableType;
            }
            foreach (Instruction instruction in m.Body.Instructions)
            {
                foreach (TypeReference t in Operand(instruction.Operand))
                {
                    yield return t;
                }
            }
        }
    }

    private static IEnumerable<TypeReference> Signature(MethodReference method)
    {
        yield return method.ReturnType;
        foreach (ParameterDefinition p in method.Parameters)
        {
            yield return p.ParameterType;
        }
    }

    private static IEnumerable<TypeReference> Operand(object? operand)
    {
        switch (operand)
        {
            case TypeReference type:
                yield return type;
                break;
            case MethodReference method:
                yield return method.DeclaringType;
                foreach (TypeReference t in Signature(method))
                {
                    yield return t;
                }
                if (method is GenericInstanceMethod generic)
                {
                    foreach (TypeReference t in generic.GenericArguments)
                    {
                        yield return t;
                    }
                }
                break;
            case FieldReference field:
                yield return field.DeclaringType;
                yield return field.FieldType;
                break;
        }
    }

    /// <summary>A type and what it is built from: generic arguments, array and pointer element types.</summary>
    private static IEnumerable<TypeReference> Expand(TypeReference type)
    {
        switch (type)
        {
            case GenericParameter:
                yield break;
            case GenericInstanceType generic:
                foreach (TypeReference t in Expand(generic.ElementType))
                {
                    yield return t;
                }
                foreach (TypeReference t in generic.GenericArguments.SelectMany(Expand))
                {
                    yield return t;
                }
                break;
            case TypeSpecification specification:
                foreach (TypeReference t in Expand(specification.ElementType))
                {
                    yield return t;
                }
                break;
            default:
                yield return type;
                break;
        }
    }
}
