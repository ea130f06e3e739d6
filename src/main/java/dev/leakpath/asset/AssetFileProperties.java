package dev.leakpath.asset;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param directory where inventory files (JSON or YAML lists of assets) are read from; a missing directory
 * is an empty inventory
 * @param scanInterval how often the directory is looked at for new, changed and removed files
 */
@ConfigurationProperties("leakpath.assets")
record AssetFileProperties(@DefaultValue("config/assets") Path directory, @DefaultValue("PT30S") Duration scanInterval) {
}
