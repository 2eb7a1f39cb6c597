using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace QNet.ControlPlane.Kubernetes;

/// <summary>Adds the reconciler to the control plane's services (<c>qnet up --kubernetes</c>).</summary>
internal static class KubernetesReconcilerRegistration
{
    /// <summary>
    /// Registers the I/O edge for <paramref name="options"/>, the twin as the network, and the hosted service. Leadership
    /// defaults to <see cref="IReconcilerLeadership.Always"/>; a replica set registers its leader election first.
    /// </summary>
    public static void Add(IServiceCollection services, KubernetesOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(_ => KubernetesReconcilerService.Connect(options));
        services.AddSingleton<INetworkPort, TwinNetworkPort>();
        services.TryAddSingleton(IReconcilerLeadership.Always);
        services.AddHostedService<KubernetesReconcilerService>();
    }
}
