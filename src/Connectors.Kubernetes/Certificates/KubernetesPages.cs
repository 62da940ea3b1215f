using System.Net;
using System.Text.Json;
using k8s.Autorest;
using k8s.Models;

namespace Qlrf.Connectors.Kubernetes.Certificates;

/// <summary>Reads every page of a chunked Kubernetes list (<c>limit</c> and <c>continue</c>), turning API errors into connector errors.</summary>
internal static class KubernetesPages
{
    public static async Task<List<T>> ReadAllAsync<TList, T>(
        string operation, Func<string?, Task<TList>> page, Func<TList, IList<T>?> items, Func<TList, V1ListMeta?> meta)
    {
        var all = new List<T>();
        string? continueToken = null;
        do
        {
            TList list;
            try
            {
                list = await page(continueToken);
            }
            catch (HttpOperationException ex) when (ex.Response?.StatusCode == HttpStatusCode.Gone)
            {
                throw new ConnectorException($"{operation}: the continue token expired before the last page (HTTP 410); the next sweep starts the list afresh.", ex);
            }
            catch (HttpOperationException ex)
            {
                var error = ex.Response?.Content is { Length: > 0 } content ? KubernetesStatus.Describe(content) : ex.Message;
                throw new ConnectorHttpException(operation, ex.Response?.StatusCode ?? 0, error);
            }
            catch (Exception ex) when (ex is JsonException or FormatException)
            {
                throw new MalformedResponseException(operation, ex.Message, ex);
            }

            all.AddRange(items(list) ?? throw new MalformedResponseException(operation, "the list has no items."));
            var next = meta(list)?.ContinueProperty;
            if (!string.IsNullOrEmpty(next) && next == continueToken)
            {
                throw new MalformedResponseException(operation, "the same continue token came back twice; paging would not end.");
            }

            continueToken = string.IsNullOrEmpty(next) ? null : next;
        }
        while (continueToken is not null);
        return all;
    }
}
