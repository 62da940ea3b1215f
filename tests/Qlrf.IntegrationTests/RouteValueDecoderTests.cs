using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Qlrf.Api;
using Qlrf.Api.Infrastructure;

namespace Qlrf.IntegrationTests;

/// <summary>
/// Route values as routing leaves them (the path decoded except <c>%2F</c>) become what the client meant: from the
/// request target as sent where there is one (Kestrel, the Functions worker), else with <c>%2F</c> decoded.
/// </summary>
public sealed class RouteValueDecoderTests
{
    private static DefaultHttpContext Routed(string route, string rawTarget, string path, string pathBase = "", params (string Name, string Value)[] values)
    {
        var context = new DefaultHttpContext();
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = rawTarget;
        context.Request.PathBase = pathBase;
        context.Request.Path = path;
        foreach (var (name, value) in values)
        {
            context.Request.RouteValues[name] = value;
        }

        context.SetEndpoint(new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse(route), 0, null, route));
        return context;
    }

    [Theory]
    [InlineData(Routes.Asset, "/api/v1/assets/k8s%3A%2F%2Fc1%2Fns%2Fdeployment%2Fweb?x=1", "/api/v1/assets/k8s:%2F%2Fc1%2Fns%2Fdeployment%2Fweb", "k8s:%2F%2Fc1%2Fns%2Fdeployment%2Fweb", "k8s://c1/ns/deployment/web")]
    [InlineData(Routes.Asset, "/api/v1/assets//subscriptions/s/vm", "/api/v1/assets//subscriptions/s/vm", "/subscriptions/s/vm", "/subscriptions/s/vm")]
    [InlineData(Routes.Asset, "/api/v1/assets/legacy%2Fvm%252F01", "/api/v1/assets/legacy%2Fvm%2F01", "legacy%2Fvm%2F01", "legacy/vm%2F01")]
    [InlineData(Routes.DriftAsset, "/api/v1/drift/assets/a%2Fb/c%20d", "/api/v1/drift/assets/a%2Fb/c d", "a%2Fb/c d", "a/b/c d")]
    [InlineData(Routes.Rollout, "/api/v1/rollouts/ro%2F1", "/api/v1/rollouts/ro%2F1", "ro%2F1", "ro/1")]
    public void A_value_is_decoded_from_the_target_as_sent(string route, string rawTarget, string path, string routed, string meant)
    {
        var context = Routed(route, rawTarget, path, values: ("id", routed));

        RouteValueDecoder.Decode(context);

        Assert.Equal(meant, context.Request.RouteValues["id"]);
    }

    [Fact]
    public void A_value_is_decoded_from_the_target_past_a_path_base()
    {
        var context = Routed(Routes.RolloutApprove, "/qlrf/api/v1/rollouts/a%252Fb%2Fc/approve", "/api/v1/rollouts/a%2Fb%2Fc/approve", "/qlrf", ("id", "a%2Fb%2Fc"));

        RouteValueDecoder.Decode(context);

        Assert.Equal("a%2Fb/c", context.Request.RouteValues["id"]);
    }

    [Theory]
    [InlineData("", "arn:aws:ec2:eu-west-1:1:instance%2Fi-1", "arn:aws:ec2:eu-west-1:1:instance/i-1")]
    [InlineData("/api/v1/x/../assets/a%2Fb", "a%2Fb", "a/b")]
    public void Without_a_target_that_lines_up_with_the_path_the_encoded_slashes_are_decoded(string rawTarget, string routed, string meant)
    {
        var context = Routed(Routes.Asset, rawTarget, "/api/v1/assets/" + routed, values: ("id", routed));

        RouteValueDecoder.Decode(context);

        Assert.Equal(meant, context.Request.RouteValues["id"]);
    }
}
