using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using QNet.Agent.Protocol.V1;
using QNet.ControlPlane.Agents;
using QNet.ControlPlane.Auth;

namespace QNet.ControlPlane.Apis;

/// <summary>A node and its agent as the API shows them.</summary>
/// <param name="Node">Node id.</param>
/// <param name="State">no-agent, reachable or unreachable.</param>
/// <param name="Agent">The agent's own description; empty before one connected.</param>
/// <param name="Devices">Registered devices as id:kind.</param>
/// <param name="LastSeen">When the agent was last heard from (wall clock); null before one connected.</param>
/// <param name="Connections">Registrations so far (reconnects count).</param>
/// <param name="Batches">Telemetry batches applied (each sequence once).</param>
/// <param name="HeraldAttempts">Heralding events received.</param>
/// <param name="HeraldSuccesses">Of those, successful ones.</param>
/// <param name="DroppedBatches">Batches the agent reported dropping (its buffer was full).</param>
/// <param name="Latest">Latest value of each reported series, in base units.</param>
/// <param name="LastSequence">Highest telemetry sequence applied from the current agent instance (0: none).</param>
/// <param name="MissedBatches">Sequences of the current instance up to <paramref name="LastSequence"/> this control plane never applied (the agent's drops).</param>
public sealed record AgentView(string Node, string State, string Agent, IReadOnlyList<string> Devices, DateTimeOffset? LastSeen, long Connections, long Batches,
    long HeraldAttempts, long HeraldSuccesses, ulong DroppedBatches, IReadOnlyDictionary<string, double> Latest, ulong LastSequence, ulong MissedBatches);

/// <summary>Body of <c>POST /api/v1/agents/{node}/commands</c>.</summary>
/// <param name="Kind">calibrate, reset-detector, set-parameter or report-state.</param>
/// <param name="Device">The device (calibrate: empty for every device).</param>
/// <param name="Name">set-parameter: the parameter's name (docs/agents.md).</param>
/// <param name="Value">set-parameter: the value in the parameter's base unit.</param>
public sealed record AgentCommandRequest(string? Kind, string? Device = null, string? Name = null, double? Value = null);

/// <summary>What the agent answered.</summary>
public sealed record AgentCommandView(string Id, bool Ok, string Message, IReadOnlyDictionary<string, double> State);

/// <summary><c>/api/v1/agents</c>: the nodes' agents and their state; commands to a node's devices (operator).</summary>
internal static class AgentsApi
{
    /// <summary>How long a command waits for the agent's answer.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(10);

    private const string Kinds = "calibrate, reset-detector, set-parameter or report-state";

    public static void MapAgentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/agents").WithTags("agents");
        group.MapGet("/", (AgentRegistry registry) => TypedResults.Ok(registry.Nodes.Select(n => View(registry, n)).ToArray())).RequireViewer()
            .WithSummary("Every node with its agent's state (no-agent, reachable, unreachable) and what it reported.");
        group.MapPost("/{node}/commands", Send).RequireOperator().Accepts<AgentCommandRequest>("application/json").Produces<AgentCommandView>().ProducesValidationProblem()
            .WithSummary("Send a command to a node's agent (calibrate, reset-detector, set-parameter, report-state) and return its result.");
    }

    private static AgentView View(AgentRegistry registry, AgentNode n) => new(n.Node, AgentNodeStates.Name(registry.StateOf(n)), n.Agent,
        n.Devices.Select(d => $"{d.Id}:{d.Kind.ToString().ToLowerInvariant()}").ToArray(), n.EverConnected ? n.LastSeen : null, n.Connections, n.Batches,
        n.HeraldAttempts, n.HeraldSuccesses, n.DroppedBatches, n.Latest, n.LastSequence, n.MissedBatches);

    private static async Task<IResult> Send(string node, HttpRequest request, AgentRegistry registry)
    {
        var (body, problem) = await ApiBodies.ReadAsync<AgentCommandRequest>(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }
        if (registry.Find(node) is not { } agentNode)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such node", detail: $"node '{node}' is not in the running network");
        }
        var command = new Command { Id = "c-" + Guid.NewGuid().ToString("N")[..12] };
        string device = body!.Device ?? "";
        switch (body.Kind)
        {
            case "calibrate":
                command.Calibrate = new Calibrate { Device = device };
                break;
            case "reset-detector":
                if (device.Length == 0)
                {
                    return ApiBodies.Invalid("device", "is required for reset-detector");
                }
                command.ResetDetector = new ResetDetector { Device = device };
                break;
            case "set-parameter":
                if (device.Length == 0 || string.IsNullOrEmpty(body.Name) || body.Value is null)
                {
                    return ApiBodies.Invalid(device.Length == 0 ? "device" : string.IsNullOrEmpty(body.Name) ? "name" : "value", "is required for set-parameter");
                }
                if (!double.IsFinite(body.Value.Value))
                {
                    return ApiBodies.Invalid("value", "must be a finite number");
                }
                command.SetParameter = new SetParameter { Device = device, Name = body.Name, Value = body.Value.Value };
                break;
            case "report-state":
                command.ReportState = new ReportState();
                break;
            default:
                return ApiBodies.Invalid("kind", body.Kind is null ? $"is required: {Kinds}" : $"unknown command '{body.Kind}'; must be {Kinds}");
        }
        var (result, refusal) = await registry.SendAsync(agentNode, command, CommandTimeout, request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (result is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Agent not reachable", detail: refusal);
        }
        return TypedResults.Ok(new AgentCommandView(result.Id, result.Ok, result.Message, result.State.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal)));
    }
}
