package dev.leakpath;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LeakpathApplication {

	public static void main(String[] args) {
		SpringApplication.run(LeakpathApplication.class, args);
	}

}
