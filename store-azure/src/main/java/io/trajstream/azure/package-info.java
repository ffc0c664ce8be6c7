/**
 * The {@code az://container/prefix} store: Azure Blob Storage through azure-storage-blob on the JDK
 * HTTP client (no netty). {@link io.trajstream.azure.AzureStoreFactory} is found by ServiceLoader;
 * {@link io.trajstream.azure.AzureOptions} lists the {@code azure.*} options and how the credential
 * is chosen.
 */
package io.trajstream.azure;
